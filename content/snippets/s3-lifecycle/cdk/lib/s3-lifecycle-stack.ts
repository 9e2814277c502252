import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface S3LifecycleStackProps extends StackProps {
  /**
   * Days after upload before objects move to S3 Intelligent-Tiering. 0 moves them at the next
   * lifecycle run; Intelligent-Tiering has no minimum storage duration, so there is no reason to wait.
   * @default 0
   */
  readonly intelligentTieringAfterDays?: number;
  /**
   * Days an overwritten or deleted version is kept before it is deleted for good.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after a multipart upload starts before its parts are deleted if it never completed.
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * Key prefix of scratch objects that expire on their own.
   * @default 'tmp/'
   */
  readonly temporaryPrefix?: string;
  /**
   * Days after upload before objects under temporaryPrefix expire.
   * @default 7
   */
  readonly temporaryObjectExpirationDays?: number;
  /**
   * Days to keep the data bucket's server access logs.
   * @default 90
   */
  readonly logRetentionDays?: number;
}

/** A whole number of days, at least `min`, or a readable error naming the input. */
function wholeDays(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of days, ${min} or more; got ${value}.`);
  }
  return value;
}

/**
 * A versioned S3 bucket whose lifecycle rules keep only the data you need, in the storage class
 * that fits how it is used: objects move to S3 Intelligent-Tiering, old versions and scratch
 * objects expire, and incomplete multipart uploads are cleaned up. The Terraform and
 * CloudFormation variants deploy the same resources under the same names.
 */
export class S3LifecycleStack extends Stack {
  constructor(scope: Construct, id: string, props: S3LifecycleStackProps = {}) {
    super(scope, id, props);

    const intelligentTieringAfterDays = wholeDays('intelligentTieringAfterDays', props.intelligentTieringAfterDays ?? 0, 0);
    const noncurrentVersionExpirationDays = wholeDays('noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays ?? 30, 1);
    const abortIncompleteMultipartUploadDays = wholeDays('abortIncompleteMultipartUploadDays', props.abortIncompleteMultipartUploadDays ?? 7, 1);
    const temporaryObjectExpirationDays = wholeDays('temporaryObjectExpirationDays', props.temporaryObjectExpirationDays ?? 7, 1);
    const logRetentionDays = wholeDays('logRetentionDays', props.logRetentionDays ?? 90, 1);
    const temporaryPrefix = props.temporaryPrefix ?? 'tmp/';

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
      // Logs are data too: keep them as long as an investigation needs, then let them go.
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(logRetentionDays) }],
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // It has no access logs of its own: they would only record log deliveries. cdk-nag
    // recognizes it as the data bucket's log destination, so no exception is needed.

    // ---------------------------------------------------------------- S3: data
    const dataBucket = new Bucket(this, 'DataBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioning protects against overwrites and deletes; the rules below stop old versions
      // from piling up for ever.
      versioned: true,
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      lifecycleRules: [
        {
          // Intelligent-Tiering rather than Standard-IA or Glacier Instant Retrieval: it moves each
          // object between access tiers as its use changes, with no retrieval fee and no minimum
          // storage duration. Standard-IA and Glacier Instant Retrieval pay off only for data you
          // know stays cold; read it early and retrieval fees and minimum-duration charges apply.
          // S3 does not transition objects smaller than 128 KB.
          id: 'TransitionToIntelligentTiering',
          transitions: [
            {
              storageClass: StorageClass.INTELLIGENT_TIERING,
              transitionAfter: Duration.days(intelligentTieringAfterDays),
            },
          ],
        },
        {
          // Old versions are kept long enough to undo a mistake, then deleted. Delete markers
          // left with no versions behind them are removed too.
          id: 'ExpireNoncurrentVersions',
          noncurrentVersionExpiration: Duration.days(noncurrentVersionExpirationDays),
          expiredObjectDeleteMarker: true,
        },
        {
          // Parts of uploads that never completed are stored and billed but invisible in listings.
          id: 'AbortIncompleteMultipartUploads',
          abortIncompleteMultipartUploadAfter: Duration.days(abortIncompleteMultipartUploadDays),
        },
        {
          // Scratch data expires on its own, so nobody has to remember to delete it.
          id: 'ExpireTemporaryObjects',
          prefix: temporaryPrefix,
          expiration: Duration.days(temporaryObjectExpirationDays),
        },
      ],
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'DataBucketName', {
      description: 'Bucket with the lifecycle rules; empty it before deleting the stack',
      value: dataBucket.bucketName,
    });
    new CfnOutput(this, 'LogsBucketName', {
      description: "Bucket holding the data bucket's server access logs; empty it before deleting the stack",
      value: logsBucket.bucketName,
    });
  }
}
