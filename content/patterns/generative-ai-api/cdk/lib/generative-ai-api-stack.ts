import * as path from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnGuardrail } from 'aws-cdk-lib/aws-bedrock';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  FunctionUrl,
  FunctionUrlAuthType,
  InvokeMode,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface GenerativeAiApiStackProps extends StackProps {
  /**
   * Model the function calls: a cross-Region inference profile id (the Geo inference ID on the
   * model card). The default, Amazon Nova 2 Lite through the US profile, is Active and is served
   * in us-east-1 through this profile only.
   */
  readonly inferenceProfileId?: string;
  /**
   * The foundation-model ARNs, one per Region, that the inference profile routes to. List them
   * with `aws bedrock get-inference-profile --inference-profile-identifier <profile id>
   * --query 'models[].modelArn'`.
   */
  readonly foundationModelArns?: string[];
  /** Creates a Bedrock guardrail and applies it to every prompt and answer. Default: true. */
  readonly enableGuardrail?: boolean;
  /** Most invocations that run at once, a cap on the spend per minute. Default: 5. */
  readonly reservedConcurrency?: number;
}

const defaultProfile = 'us.amazon.nova-2-lite-v1:0';
const defaultModelArns = ['us-east-1', 'us-east-2', 'us-west-2'].map(
  (region) => `arn:aws:bedrock:${region}::foundation-model/amazon.nova-2-lite-v1:0`,
);

/**
 * Lambda function URL (IAM auth, response streaming) -> one Lambda function -> Amazon Bedrock
 * ConverseStream through a cross-Region inference profile, with an optional guardrail.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class GenerativeAiApiStack extends Stack {
  constructor(scope: Construct, id: string, props: GenerativeAiApiStackProps = {}) {
    super(scope, id, props);
    const inferenceProfileId = props.inferenceProfileId ?? defaultProfile;
    const enableGuardrail = props.enableGuardrail ?? true;

    // ---------------------------------------------------------------- Bedrock guardrail
    // Applied by Bedrock inside the Converse call, to the prompt before the model sees it and to
    // the answer before the caller does. The Classic tier, so every check runs in this Region.
    // On by default: it costs nothing while idle, and an API that answers anyone holding the
    // credentials should refuse harmful prompts and prompt attacks from the first request.
    const guardrail = enableGuardrail
      ? new CfnGuardrail(this, 'Guardrail', {
          name: `${this.stackName}-guardrail`,
          description: 'Content filters and one denied topic for the generative AI API',
          blockedInputMessaging: "Sorry, I can't help with that request.",
          blockedOutputsMessaging: "Sorry, I can't share that answer.",
          contentPolicyConfig: {
            filtersConfig: [
              ...['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map((type) => ({
                type,
                inputStrength: 'HIGH',
                outputStrength: 'HIGH',
              })),
              // Prompt attacks (jailbreaks, injected instructions) exist only in prompts.
              { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
            ],
          },
          topicPolicyConfig: {
            topicsConfig: [
              {
                name: 'Investment advice',
                type: 'DENY',
                definition:
                  'Recommendations about which stocks, bonds, funds or cryptocurrencies to buy or sell, or how to invest money for a return.',
                examples: ['Which stocks should I buy this year?', 'Is now a good time to put my savings into bitcoin?'],
              },
            ],
          },
        })
      : undefined;

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it (the log group
    // Lambda creates by itself keeps logs forever and outlives the stack).
    const functionLogs = new LogGroup(this, 'ChatFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole policy: that policy lets the function write to any log group.
    const role = new Role(this, 'ChatFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the generative AI API function write its logs and stream answers from one model',
    });
    functionLogs.grantWrite(role);

    // ConverseStream is authorised as bedrock:InvokeModelWithResponseStream: on the inference
    // profile the code names, and on the model in each Region the profile routes to, only when
    // the call comes through that profile. Explicit statements, because no grant method scopes
    // a cross-Region profile this way.
    const profileArn = `arn:${Aws.PARTITION}:bedrock:${Aws.REGION}:${Aws.ACCOUNT_ID}:inference-profile/${inferenceProfileId}`;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeInferenceProfile',
        actions: ['bedrock:InvokeModelWithResponseStream'],
        resources: [profileArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeModelThroughProfile',
        actions: ['bedrock:InvokeModelWithResponseStream'],
        resources: props.foundationModelArns ?? defaultModelArns,
        conditions: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
      }),
    );
    if (guardrail) {
      // A guardrail named in guardrailConfig is applied with the caller's permission.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ApplyGuardrail',
          actions: ['bedrock:ApplyGuardrail'],
          resources: [guardrail.attrGuardrailArn],
        }),
      );
    }

    const fn = new LambdaFunction(this, 'ChatFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(__dirname, '..', '..', 'src')),
      // The function mostly waits for the model, so little memory; the timeout covers the
      // longest answer MAX_TOKENS allows. A caller who hangs up does not stop the invocation.
      memorySize: 256,
      timeout: Duration.seconds(60),
      // Each invocation holds a Bedrock call, so this caps the spend per minute; more callers
      // get 429 Too Many Requests.
      reservedConcurrentExecutions: props.reservedConcurrency ?? 5,
      role,
      logGroup: functionLogs,
      environment: {
        MODEL_ID: inferenceProfileId,
        GUARDRAIL_ID: guardrail?.attrGuardrailId ?? '',
        GUARDRAIL_VERSION: guardrail?.attrVersion ?? '',
        // The longest prompt accepted (characters) and the longest answer (tokens): both bound
        // what one request can cost.
        MAX_PROMPT_CHARS: '4000',
        MAX_TOKENS: '1024',
      },
      description: 'Streams an Amazon Bedrock answer to each prompt',
    });

    // Only signed requests from IAM principals of this account that may call
    // lambda:InvokeFunctionUrl and lambda:InvokeFunction get through; no resource policy opens
    // it to anyone else. RESPONSE_STREAM sends each part of the answer as the model writes it.
    const url = new FunctionUrl(this, 'ChatFunctionUrl', {
      function: fn,
      authType: FunctionUrlAuthType.AWS_IAM,
      invokeMode: InvokeMode.RESPONSE_STREAM,
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'FunctionUrl', {
      description: 'URL to POST {"prompt":"..."} to, signed with SigV4 (service lambda)',
      value: url.url,
    });
    new CfnOutput(this, 'FunctionName', {
      description: 'Name of the Lambda function that streams the answers',
      value: fn.functionName,
    });
    new CfnOutput(this, 'LogGroupName', {
      description: 'Log group of the function, with the stop reason and token counts of each answer',
      value: functionLogs.logGroupName,
    });
  }
}
