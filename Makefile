# Called by `sam build` (BuildMethod: makefile) once per function, as
# `make --makefile <project>/Makefile build-<LogicalId>` with ARTIFACTS_DIR set, in a scratch copy of the
# project that is not used: Maven runs in the project itself, where target/ is. Both functions ship the same
# shaded jar; the java25 runtime puts lib/*.jar on the classpath.
#
# SAM never shares a makefile build between functions, so the jar is a file target whose prerequisites are
# the build's inputs: the first function's target runs Maven, the second finds the jar newer than every
# input and only copies it. A later `sam build` runs Maven only when an input changed; directories are
# inputs too, so a deleted or renamed file counts. Two builds at once would share target/: keep
# `parallel = false` (samconfig.toml).

PROJECT_DIR := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
JAR := $(PROJECT_DIR)target/actiongate-lambda.jar
INPUTS := $(PROJECT_DIR)pom.xml $(PROJECT_DIR)mvnw $(shell find "$(PROJECT_DIR).mvn" "$(PROJECT_DIR)src/main")

.PHONY: build-OAuthFunction build-ApiFunction

build-OAuthFunction build-ApiFunction: $(JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(JAR)" "$(ARTIFACTS_DIR)/lib/"

$(JAR): $(INPUTS)
	cd "$(PROJECT_DIR)" && ./mvnw -B -q -DskipTests package
