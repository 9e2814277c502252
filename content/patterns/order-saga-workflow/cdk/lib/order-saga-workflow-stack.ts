import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** The pattern folder, whose src/ (the payment function) and statemachine/ all three variants share. */
const patternDir = path.join(__dirname, '..', '..');

/**
 * A Step Functions Standard workflow that reserves stock (DynamoDB), charges a payment (Lambda)
 * and records the shipment (DynamoDB), and undoes the finished steps when a later one fails.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, from the same definition file, so compare them side by side.
 */
export class OrderSagaWorkflowStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- DynamoDB
    // One item per product, with the quantity still available.
    const inventory = new Table(this, 'InventoryTable', {
      partitionKey: { name: 'productId', type: AttributeType.STRING },
      // On-demand: no capacity to plan, and an idle sample costs nothing but storage.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): every use of the key shows in CloudTrail, with no key
      // policy to write and no monthly key fee.
      encryption: TableEncryption.AWS_MANAGED,
      // A sample should leave nothing behind on `cdk destroy`. For real data use RETAIN and
      // deletionProtection: true.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // One item per order that got as far as shipping.
    const shipments = new Table(this, 'ShipmentsTable', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- Lambda
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const functionLogs = new LogGroup(this, 'PaymentFunctionLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one, whose AWS managed AWSLambdaBasicExecutionRole
    // policy lets the function write to any log group. The function calls no AWS service.
    const functionRole = new Role(this, 'PaymentFunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lets the payment function write its logs',
    });
    functionLogs.grantWrite(functionRole);

    const payment = new LambdaFunction(this, 'PaymentFunction', {
      runtime: Runtime.NODEJS_24_X,
      // Graviton: lower price per GB-second than x86 for the same code.
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      // The plain source folder shared by all three variants: no bundler, no Docker.
      code: Code.fromAsset(path.join(patternDir, 'src')),
      memorySize: 128,
      timeout: Duration.seconds(10),
      role: functionRole,
      logGroup: functionLogs,
      description: 'Stands in for a payment provider: charges and refunds orders',
    });

    // ---------------------------------------------------------------- Step Functions
    const stateMachineLogs = new LogGroup(this, 'StateMachineLogGroup', {
      // Under the prefix the Step Functions console uses for state machine logs, named after the stack.
      logGroupName: `/aws/vendedlogs/states/${this.stackName}`,
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Only this account's state machines may use the role (the confused deputy problem).
    const stateMachineRole = new Role(this, 'StateMachineRole', {
      assumedBy: new ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets the order state machine reserve and release stock, charge and refund, and record shipments',
    });
    // Exactly the calls the definition makes (../statemachine/order.asl.json), each on the one
    // resource it uses: UpdateItem on the inventory (ReserveStock, ReleaseStock), PutItem on the
    // shipments (Ship), and the payment function (ChargePayment, RefundPayment).
    stateMachineRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ReserveAndReleaseStock', actions: ['dynamodb:UpdateItem'], resources: [inventory.tableArn] }),
    );
    stateMachineRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'RecordShipments', actions: ['dynamodb:PutItem'], resources: [shipments.tableArn] }),
    );
    stateMachineRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'ChargeAndRefund', actions: ['lambda:InvokeFunction'], resources: [payment.functionArn] }),
    );
    // StateMachine adds the CloudWatch Logs delivery and X-Ray actions for `logs` and
    // `tracingEnabled` below. IAM accepts only * for them: they support no resource-level permissions.
    Validations.of(stateMachineRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions needs the CloudWatch Logs delivery and X-Ray write actions to log and trace; they support no resource-level permissions, so IAM accepts only * for them.',
    });

    const stateMachine = new StateMachine(this, 'OrderStateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      // The definition file all three variants deploy, inline in the template (fromFile would
      // upload it as an asset); its ${...} placeholders are filled in at deployment.
      definitionBody: DefinitionBody.fromString(readFileSync(path.join(patternDir, 'statemachine', 'order.asl.json'), 'utf8')),
      definitionSubstitutions: {
        InventoryTableName: inventory.tableName,
        ShipmentsTableName: shipments.tableName,
        PaymentFunctionArn: payment.functionArn,
      },
      role: stateMachineRole,
      // Every state's start and end, without the order data: the execution history keeps the
      // inputs and outputs (for 90 days), the logs only what happened.
      logs: { destination: stateMachineLogs, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'StateMachineArn', {
      description: 'ARN of the order state machine, for aws stepfunctions start-execution',
      value: stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'InventoryTableName', {
      description: 'DynamoDB table with the stock of each product',
      value: inventory.tableName,
    });
    new CfnOutput(this, 'ShipmentsTableName', {
      description: 'DynamoDB table with one shipment per shipped order',
      value: shipments.tableName,
    });
    new CfnOutput(this, 'StateMachineLogGroupName', {
      description: 'Log group of the state machine, for aws logs tail',
      value: stateMachineLogs.logGroupName,
    });
  }
}
