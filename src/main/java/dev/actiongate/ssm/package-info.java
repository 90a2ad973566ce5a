/**
 * SSM Parameter Store, where the functions' secrets live on AWS: read once at a cold start
 * ({@link dev.actiongate.ssm.SsmBootstrap}) and again after a SnapStart restore. Besides
 * {@code dynamodb}, the only package that uses the AWS SDK.
 */
package dev.actiongate.ssm;
