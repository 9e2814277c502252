import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { LogGroup, LogStream, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Seconds and MiB Firehose buffers before it writes a file: the interval is what a test at low volume
 * waits for, and 64 MiB lets each Parquet file hold enough rows to scan efficiently at volume.
 */
const BUFFER_INTERVAL_SECONDS = 60;
const BUFFER_SIZE_MB = 64;
/** Bytes one Athena query may scan before it is cancelled (10 GiB): a ceiling on the cost of a query. */
const BYTES_SCANNED_CUTOFF_PER_QUERY = 10 * 1024 ** 3;
const RESULTS_RETENTION_DAYS = 7;

/**
 * The one place this variant declares the columns: Firehose converts each JSON record with this
 * schema, and Athena reads the Parquet files with it.
 */
const TABLE_NAME = 'events';
const COLUMNS: CfnTable.ColumnProperty[] = [
  { name: 'event_id', type: 'string' },
  { name: 'event_type', type: 'string' },
  { name: 'user_id', type: 'string' },
  { name: 'amount', type: 'double' },
  { name: 'event_time', type: 'timestamp' },
];

/**
 * Firehose (Direct PUT) -> JSON converted to Parquet with a Glue table's schema -> S3, one
 * partition per day -> Athena workgroup. The Terraform and CloudFormation variants of this
 * pattern deploy the same resources under the same names, so compare them side by side.
 */
export class StreamingDataLakeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // ---------------------------------------------------------------- S3: the data lake
    const dataBucket = new Bucket(this, 'DataBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3. Switch to SSE-KMS with a customer managed key if you must control who can decrypt;
      // the Firehose role and every Athena user then also need kms:Decrypt and kms:GenerateDataKey.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioning lets you restore a file that a mistaken delete removed; old versions expire.
      versioned: true,
      lifecycleRules: [
        { id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) },
        // Firehose writes large files in parts; a delivery that never completes leaves parts that
        // are billed as storage until they are removed.
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        // Records Firehose could not convert, kept long enough to inspect and send again.
        { id: 'ExpireErrors', prefix: 'errors/', expiration: Duration.days(30) },
      ],
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // The template's logical id, so that the role's policy reads the same in both variants and
    // cdk-nag names the same finding (AwsSolutions-IAM5 on <DataBucket.Arn>/*).
    (dataBucket.node.defaultChild as CfnBucket).overrideLogicalId('DataBucket');
    // Firehose already logs every delivery error, and the table is the record of what arrived.
    Validations.of(dataBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Firehose logs every delivery error and the bucket only receives writes from the stream; add server access logs or CloudTrail data events if every read must be audited.',
    });

    // ---------------------------------------------------------------- S3: Athena query results
    // Query results are copies of data already in the lake, kept for a few days only.
    const resultsBucket = new Bucket(this, 'ResultsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'ExpireResults', expiration: Duration.days(RESULTS_RETENTION_DAYS) },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(resultsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Query results expire within days and Athena records every query in its history; add server access logs if reads of results must be audited.',
    });

    // ---------------------------------------------------------------- Glue Data Catalog
    // The database takes the stack's name in lower case with underscores for hyphens (Athena names
    // allow no hyphens), so a second stack gets its own database.
    const database = new CfnDatabase(this, 'GlueDatabase', {
      catalogId: this.account,
      databaseInput: {
        name: this.stackName.toLowerCase().replace(/-/g, '_'),
        description: 'Streaming data lake',
      },
    });

    const table = new CfnTable(this, 'EventsTable', {
      catalogId: this.account,
      databaseName: database.ref,
      tableInput: {
        name: TABLE_NAME,
        description: 'Events delivered by Firehose as Parquet, one partition per day (UTC)',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'dt', type: 'string' }],
        storageDescriptor: {
          columns: COLUMNS,
          location: `s3://${dataBucket.bucketName}/data/`,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
        // Partition projection: Athena computes the day partitions from these settings instead of
        // reading them from the catalog, so a new day is queryable as soon as Firehose writes it,
        // with no crawler and no ALTER TABLE ADD PARTITION.
        parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': '2026-01-01,NOW',
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `s3://${dataBucket.bucketName}/data/dt=\${dt}/`,
        },
      },
    });

    // ---------------------------------------------------------------- Firehose
    // An explicit log group, so retention is set and `cdk destroy` removes it.
    const logGroup = new LogGroup(this, 'FirehoseLogGroup', {
      retention: RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Firehose writes delivery and conversion errors to this stream; it does not create it itself.
    const logStream = new LogStream(this, 'FirehoseLogStream', {
      logGroup,
      logStreamName: 'DestinationDelivery',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const role = new Role(this, 'FirehoseRole', {
      assumedBy: new ServicePrincipal('firehose.amazonaws.com'),
      // Firehose passes the account ID as the external ID: only streams of this account can use the role.
      externalIds: [this.account],
      description: 'Lets the Firehose stream write to the data bucket, read the table schema and log errors',
    });

    // Exactly what delivery needs, written out: bucket.grantWrite() would add s3:DeleteObject*
    // and more, and no grant method exists for a Glue table.
    const policy = new Policy(this, 'FirehoseRoleDefaultPolicy', {
      policyName: 'firehose-delivery',
      roles: [role],
      statements: [
        // Firehose writes objects under keys it generates, so the objects need the bucket's /*
        // (cdk-nag AwsSolutions-IAM5, acknowledged below); this bucket only.
        new PolicyStatement({
          sid: 'WriteDataObjects',
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          resources: [dataBucket.arnForObjects('*')],
        }),
        new PolicyStatement({
          sid: 'ListDataBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [dataBucket.bucketArn],
        }),
        // The table's schema for format conversion. Glue checks a table read against the catalog,
        // the database and the table, so all three are named.
        new PolicyStatement({
          sid: 'ReadTableSchema',
          actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
          resources: [
            this.formatArn({ service: 'glue', resource: 'catalog' }),
            this.formatArn({ service: 'glue', resource: 'database', resourceName: database.ref }),
            this.formatArn({ service: 'glue', resource: 'table', resourceName: `${database.ref}/${table.ref}` }),
          ],
        }),
        new PolicyStatement({
          sid: 'WriteErrorLogs',
          actions: ['logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<DataBucket.Arn>/*]',
      reason: 'Firehose names each object it writes itself, so the role needs the objects of the data bucket; the statement covers that one bucket and no delete.',
    });

    const stream = new CfnDeliveryStream(this, 'DeliveryStream', {
      // Producers call PutRecord and PutRecordBatch on the stream itself.
      deliveryStreamType: 'DirectPut',
      // Records are encrypted while Firehose holds them, with a key AWS owns and manages (no key
      // fee, no key policy).
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: dataBucket.bucketArn,
        roleArn: role.roleArn,
        // Hive-style daily partitions (UTC), the layout the table's partition projection expects.
        prefix: 'data/dt=!{timestamp:yyyy-MM-dd}/',
        // Records that fail conversion land here, one folder per error type and day.
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
        // A file every 60 seconds or every 64 MiB, whichever comes first.
        bufferingHints: { intervalInSeconds: BUFFER_INTERVAL_SECONDS, sizeInMBs: BUFFER_SIZE_MB },
        // Parquet compresses its own pages (Snappy, below), so the files are not compressed again.
        compressionFormat: 'UNCOMPRESSED',
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: logGroup.logGroupName,
          logStreamName: logStream.logStreamName,
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          // Reads ISO 8601 times such as 2026-12-07T10:00:00Z into the timestamp column.
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: this.account,
            databaseName: database.ref,
            tableName: table.ref,
            region: this.region,
            roleArn: role.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });
    // Without the policy in place, the first deliveries could fail to read the schema or write.
    stream.node.addDependency(policy);

    // ---------------------------------------------------------------- Athena
    const workGroup = new CfnWorkGroup(this, 'AthenaWorkGroup', {
      name: `${this.stackName}-workgroup`,
      description: 'Queries the streaming data lake',
      state: 'ENABLED',
      // `cdk destroy` deletes the workgroup with its saved queries.
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // Every query in this workgroup writes its results here, encrypted, whatever the client asks for.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF_PER_QUERY,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'DeliveryStreamName', {
      description: 'Name of the Firehose stream to send records to',
      value: stream.ref,
    });
    new CfnOutput(this, 'DataBucketName', {
      description: 'Bucket that holds the Parquet files (data/) and the records that failed (errors/)',
      value: dataBucket.bucketName,
    });
    new CfnOutput(this, 'ResultsBucketName', {
      description: 'Bucket that holds Athena query results',
      value: resultsBucket.bucketName,
    });
    new CfnOutput(this, 'DatabaseName', {
      description: 'Glue database of the events table',
      value: database.ref,
    });
    new CfnOutput(this, 'TableName', {
      description: 'Glue table that Firehose converts with and Athena queries',
      value: table.ref,
    });
    new CfnOutput(this, 'WorkGroupName', {
      description: 'Athena workgroup to run queries in',
      value: workGroup.ref,
    });
    new CfnOutput(this, 'FirehoseLogGroupName', {
      description: "Log group of the Firehose stream's delivery errors",
      value: logGroup.logGroupName,
    });
  }
}
