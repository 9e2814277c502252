import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface StaticWebsiteStackProps extends StackProps {
  /**
   * Your own host name, for example www.example.com. Give it together with certificateArn;
   * without both, viewers use the distribution's *.cloudfront.net name.
   */
  readonly domainName?: string;
  /** ARN of an ACM certificate for domainName. CloudFront reads certificates only from us-east-1. */
  readonly certificateArn?: string;
}

/**
 * The Content-Security-Policy for every response. Static site generators such as Astro
 * (Starlight), Docusaurus and Hugo themes put small scripts and styles inline, so scripts and
 * styles allow 'unsafe-inline'; 'wasm-unsafe-eval' lets client-side search (Pagefind) run its
 * WebAssembly. Everything else may load only from the site itself. If your site has no inline
 * scripts, remove 'unsafe-inline' from script-src.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/** Days to keep CloudFront and S3 access logs. */
const LOG_RETENTION_DAYS = 90;

/**
 * A private S3 bucket served by a CloudFront distribution through origin access control.
 * The Terraform and CloudFormation variants of this pattern deploy the same resources under the
 * same names, so compare them side by side.
 */
export class StaticWebsiteStack extends Stack {
  constructor(scope: Construct, id: string, props: StaticWebsiteStackProps = {}) {
    super(scope, id, props);

    const { domainName, certificateArn } = props;
    if (Boolean(domainName) !== Boolean(certificateArn)) {
      throw new Error('Give domainName and certificateArn together, or neither.');
    }

    // ---------------------------------------------------------------- S3: access logs
    // Receives the CloudFront standard logs and the site bucket's server access logs.
    const logsBucket = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3: CloudFront standard logging cannot write to a bucket encrypted with SSE-KMS.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront standard logging still delivers through an ACL grant, so this bucket keeps
      // ACLs enabled; BucketOwnerPreferred makes the bucket owner own every delivered log file.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(LOG_RETENTION_DAYS) }],
      // `cdk destroy` deletes the bucket only when it is empty (see the README's clean-up step).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // It has no access logs of its own: they would only record log deliveries. cdk-nag
    // recognizes it as the site bucket's log destination, so no exception is needed.

    // ---------------------------------------------------------------- S3: site content
    const siteBucket = new Bucket(this, 'SiteBucket', {
      // Private: only CloudFront, signing with origin access control, can read the objects.
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // SSE-S3 rather than SSE-KMS: the content is public through CloudFront anyway, and a KMS
      // key would need its own key policy for CloudFront and a charge per request.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioning lets you restore a page that a bad `aws s3 sync --delete` removed;
      // old versions expire so the bucket does not grow with every deploy.
      versioned: true,
      lifecycleRules: [{ id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- CloudFront
    // Origin access control (not the legacy origin access identity): CloudFront signs every
    // request to the bucket's REST endpoint with SigV4.
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'Lets the static website distribution read the site bucket',
      signing: Signing.SIGV4_ALWAYS,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeadersPolicy', {
      comment: 'Security headers for the static website',
      securityHeadersBehavior: {
        // Two years, as hstspreload.org recommends. Browsers then refuse plain HTTP.
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
      },
    });

    const urlRewrite = new CloudFrontFunction(this, 'UrlRewriteFunction', {
      comment: 'Adds index.html to folder-style URLs',
      runtime: FunctionRuntime.JS_2_0,
      // The same file the Terraform variant reads and the CloudFormation variant inlines.
      code: FunctionCode.fromFile({ filePath: path.join(__dirname, '..', '..', 'src', 'url-rewrite.js') }),
    });

    const distribution = new Distribution(this, 'Distribution', {
      comment: 'Static website',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        // The bucket's REST endpoint, not its website endpoint: only the REST endpoint supports
        // origin access control and HTTPS between CloudFront and S3.
        origin: S3BucketOrigin.withOriginAccessControl(siteBucket, { originAccessControl }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Managed CachingOptimized policy: long TTLs, gzip and Brotli, no query strings or cookies.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: urlRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // Without s3:ListBucket, S3 answers 403 for a missing key; show the site's 404 page for both.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: '/404.html',
        ttl: Duration.minutes(1),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // All edge locations. PriceClass.PRICE_CLASS_100 (North America and Europe) costs less per
      // GB but serves readers elsewhere from farther away.
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
            // TLS 1.2 or later for viewers, with SNI (no dedicated-IP fee).
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      // No AWS WAF web ACL (see the AwsSolutions-CFR2 exception below). To attach one, create it
      // in us-east-1 with scope CLOUDFRONT and pass its ARN as webAclId.
    });

    // The site is for everyone, everywhere.
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public website serves every country; add geoRestriction only if a licence or law requires it.',
    });
    // A web ACL for CloudFront must live in us-east-1, while this stack deploys to any Region,
    // and it bills a monthly fee plus every request.
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'Static files only, with no forms or APIs to protect; a CloudFront web ACL must be created in us-east-1 and bills per month and per request, so attaching one is left to you.',
    });
    if (!certificateArn) {
      // The *.cloudfront.net certificate accepts TLS 1.0 and 1.1 and cannot be changed; only a
      // certificate of your own allows a TLS 1.2 minimum.
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'Without a custom domain the default *.cloudfront.net certificate is used, whose minimum TLS version cannot be set; give a domain name and an ACM certificate to enforce TLS 1.2.',
      });
    }

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'SiteBucketName', {
      description: 'Bucket to upload the built site to (aws s3 sync)',
      value: siteBucket.bucketName,
    });
    new CfnOutput(this, 'LogsBucketName', {
      description: 'Bucket holding CloudFront and S3 access logs; empty it before deleting the stack',
      value: logsBucket.bucketName,
    });
    new CfnOutput(this, 'DistributionId', {
      description: 'CloudFront distribution ID, for cache invalidations',
      value: distribution.distributionId,
    });
    new CfnOutput(this, 'SiteUrl', {
      description: 'HTTPS address of the website',
      value: `https://${domainName ?? distribution.distributionDomainName}`,
    });
  }
}
