# Called by `sam build` (BuildMethod: makefile) as `make build-<LogicalId>` with ARTIFACTS_DIR set,
# in a copy of the project. Both functions ship the same shaded jar; the java25 runtime puts
# lib/*.jar on the classpath.

PROJECT_DIR := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
JAR := $(PROJECT_DIR)target/actiongate-lambda.jar

.PHONY: build-OAuthFunction build-ApiFunction

build-OAuthFunction build-ApiFunction:
	cd "$(PROJECT_DIR)" && ./mvnw -B -q -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(JAR)" "$(ARTIFACTS_DIR)/lib/"
