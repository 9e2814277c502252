import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockedEncryptionType,
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface KmsEncryptedBucketStackProps extends StackProps {
  /**
   * Days to keep the data bucket's server access logs in the logs bucket.
   * @default 90
   */
  readonly logRetentionDays?: number;
}

/**
 * An S3 bucket whose objects are encrypted with a customer managed KMS key (SSE-KMS with an S3
 * Bucket Key), reachable only over TLS 1.2 or later, with server access logs in a second bucket.
 * The Terraform and CloudFormation variants deploy the same resources under the same names.
 */
export class KmsEncryptedBucketStack extends Stack {
  constructor(scope: Construct, id: string, props: KmsEncryptedBucketStackProps = {}) {
    super(scope, id, props);

    const logRetentionDays = props.logRetentionDays ?? 90;
    if (!Number.isInteger(logRetentionDays) || logRetentionDays < 1) {
      throw new Error(`logRetentionDays must be a whole number of days, 1 or more; got ${logRetentionDays}.`);
    }

    // ---------------------------------------------------------------- KMS: the bucket's key
    // A customer managed key rather than the AWS managed aws/s3 key: its key policy is yours to
    // write, you can disable it to make every object unreadable at once, and CloudTrail records
    // each use of it. CDK gives it the default key policy: one statement that lets this account's
    // IAM policies grant access to the key. It grants nobody access by itself; see the README.
    const dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts the objects in the KMS-encrypted data bucket',
      // New key material every 365 days (the KMS default); old material still decrypts old objects.
      enableKeyRotation: true,
      // The stack name is unique in the account and Region, and so is this alias.
      alias: `alias/${this.stackName}`,
      // A sample leaves nothing behind: the key is deleted 7 days after the stack. For real data
      // use RETAIN, because objects encrypted with a deleted key can never be read again.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });

    // ---------------------------------------------------------------- S3: access logs
    const logsBucket = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: S3 server access logging does not support a destination bucket whose default
      // encryption is SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // ACLs off: log delivery is granted by a bucket policy statement that CDK adds below.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(logRetentionDays) }],
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // It has no access logs of its own: they would only record log deliveries. cdk-nag
    // recognizes it as the data bucket's log destination, so no exception is needed.

    // ---------------------------------------------------------------- S3: data
    const dataBucket = new Bucket(this, 'DataBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: dataKey,
      // S3 asks KMS for a short-lived bucket-level key and derives object keys from it, instead of
      // calling KMS for every object: fewer KMS requests to pay for and to be throttled on.
      bucketKeyEnabled: true,
      // SSE-C would encrypt with a key you send in each request, outside KMS and this key policy.
      blockedEncryptionTypes: [BlockedEncryptionType.SSE_C],
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioning keeps overwritten and deleted objects, so a mistake or a ransomware-style
      // overwrite can be undone. Old versions stay until you add a lifecycle rule that expires them.
      versioned: true,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Default encryption applies only when an upload names no encryption. An upload that asks for
    // SSE-S3, for another KMS key, or for aws:kms without a key (which S3 answers with the AWS
    // managed aws/s3 key) would bypass this key; deny those. Uploads without encryption headers,
    // and uploads that name this key's ARN, pass. StringNotEquals is true when the key ID header is
    // missing, so "aws:kms" alone is denied too.
    dataBucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [dataBucket.arnForObjects('*')],
        conditions: {
          Null: { 's3:x-amz-server-side-encryption': 'false' },
          StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': dataKey.keyArn },
        },
      })
    );

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'DataBucketName', {
      description: 'Bucket whose objects are encrypted with the customer managed key; empty it before deleting the stack',
      value: dataBucket.bucketName,
    });
    new CfnOutput(this, 'DataKeyArn', {
      description: 'ARN of the KMS key; grant kms:GenerateDataKey and kms:Decrypt on it to readers and writers',
      value: dataKey.keyArn,
    });
    new CfnOutput(this, 'DataKeyAlias', {
      description: 'Alias of the KMS key',
      value: `alias/${this.stackName}`,
    });
    new CfnOutput(this, 'LogsBucketName', {
      description: "Bucket holding the data bucket's server access logs; empty it before deleting the stack",
      value: logsBucket.bucketName,
    });
  }
}
