import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface Arm64FunctionStackProps extends StackProps {
  /**
   * Memory of the function in MB, 128 to 10,240. Lambda gives a function CPU in proportion to its
   * memory, so this is also the CPU setting. Measure before you change it (see the README).
   * @default 256
   */
  readonly memorySize?: number;
}

/**
 * One Lambda function on arm64 (AWS Graviton), with its own log group, a role that can write only
 * to that log group and to X-Ray, and active tracing. The Terraform and CloudFormation variants
 * deploy the same resources under the same names.
 */
export class Arm64FunctionStack extends Stack {
  constructor(scope: Construct, id: string, props: Arm64FunctionStackProps = {}) {
    super(scope, id, props);

    const memorySize = props.memorySize ?? 256;
    // Lambda's limits; failing here beats failing halfway through a deployment.
    if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240) {
      throw new Error(`memorySize must be a whole number of MB from 128 to 10240, got ${memorySize}`);
    }

    // An explicit log group, so retention is set and `cdk destroy` removes it (the log group
    // Lambda creates by itself keeps logs forever and outlives the stack).
    const logGroup = new LogGroup(this, 'Arm64FunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole policy: that policy lets the function write to any log group.
    const role = new Role(this, 'Arm64FunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the arm64 function write its own logs and its X-Ray traces',
    });
    logGroup.grantWrite(role);

    const fn = new LambdaFunction(this, 'Arm64Function', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: a lower price per GB-second than x86_64. Code without native binaries (plain
      // JavaScript, Python) runs unchanged; rebuild native dependencies for arm64.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      memorySize,
      timeout: Duration.seconds(30),
      role,
      logGroup,
      // X-Ray records each invocation, with its initialization and run time, so you can see where
      // the time goes before and after a change. CDK adds the two X-Ray actions to the role.
      tracing: Tracing.ACTIVE,
      description: 'CPU-bound sample workload for measuring arm64 and memory settings',
    });

    // The X-Ray statement above is the only one with Resource "*": X-Ray defines no resource
    // types for these two write actions, so no narrower ARN exists.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords have no resource types, so active tracing needs Resource "*" for these two write-only actions.',
    });

    new CfnOutput(this, 'FunctionName', {
      description: 'Name of the Lambda function, for aws lambda invoke',
      value: fn.functionName,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: 'CloudWatch Logs log group that holds the function logs',
      value: logGroup.logGroupName,
    });
  }
}
