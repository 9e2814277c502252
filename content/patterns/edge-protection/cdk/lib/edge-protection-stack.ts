import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Requests one client IP address may send in the evaluation window before the rate-based rule
 * blocks it. AWS WAF accepts 10 or more; 1,000 in 5 minutes is over 3 requests a second for 5
 * minutes on end, more than one person browsing usually sends and far less than a flood. Raise it
 * for clients behind a shared address (an office, a mobile carrier's NAT).
 */
const RATE_LIMIT = 1000;
/** The window the rate-based rule counts over: 60, 120, 300 (the default) or 600 seconds. */
const RATE_WINDOW_SECONDS = 300;

/**
 * AWS managed rule groups, in the order the web ACL evaluates them after the rate-based rule:
 * cheap IP reputation first, then the rules that inspect the request's content. The three are
 * free beyond the web ACL's rule charge and together stay well under the 1,500 web ACL capacity
 * units (WCUs) the base price covers. Priorities leave gaps for rules you add between them.
 */
const MANAGED_RULE_GROUPS = [
  // Addresses Amazon threat intelligence has seen acting as bots, scanning or taking part in DDoS.
  { name: 'AWSManagedRulesAmazonIpReputationList', priority: 20 },
  // The core rule set: OWASP Top 10 style exploits, oversized requests, bad user agents.
  { name: 'AWSManagedRulesCommonRuleSet', priority: 30 },
  // Request patterns known to exploit vulnerabilities, such as Log4j (Log4Shell) lookups in headers.
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', priority: 40 },
] as const;

/** Days to keep CloudFront and S3 access logs. */
const ACCESS_LOG_RETENTION_DAYS = 90;

/**
 * The Content-Security-Policy for every response: everything loads from the site itself, with no
 * inline scripts, plugins or framing. Loosen it for what your pages really load (see the page).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/**
 * A private S3 bucket served by a CloudFront distribution through origin access control, with an
 * AWS WAF web ACL on the distribution that logs what it blocks to CloudWatch Logs. The Terraform
 * and CloudFormation variants of this pattern deploy the same resources under the same names.
 */
export class EdgeProtectionStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

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
      lifecycleRules: [{ id: 'ExpireLogs', expiration: Duration.days(ACCESS_LOG_RETENTION_DAYS) }],
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
      // Versioning lets you restore a file a mistaken upload overwrote; old versions expire.
      versioned: true,
      lifecycleRules: [{ id: 'ExpireOldVersions', noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: logsBucket,
      serverAccessLogsPrefix: 's3-access/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---------------------------------------------------------------- AWS WAF
    const webAcl = new CfnWebACL(this, 'WebAcl', {
      // CLOUDFRONT scope: the web ACL protects distributions, and exists only in us-east-1.
      scope: 'CLOUDFRONT',
      description: 'Rate limit and AWS managed rules for the edge protection distribution',
      // Requests that no rule blocks reach the site.
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'EdgeProtectionWebAcl',
        sampledRequestsEnabled: true,
      },
      rules: [
        {
          // First, so a flood from one address is blocked before the content rules inspect it.
          name: 'RateLimitPerIp',
          priority: 10,
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMIT,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: 'IP',
            },
          },
          // 429 Too Many Requests instead of the default 403, so clients (and the test on the
          // page) can tell a rate limit from a blocked attack.
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: 'RateLimitPerIp',
            sampledRequestsEnabled: true,
          },
        },
        ...MANAGED_RULE_GROUPS.map(({ name, priority }) => ({
          name,
          priority,
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          // None: each rule in the group takes its own action (block). Count would only log
          // matches, which is how to try a new group on live traffic first.
          overrideAction: { none: {} },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: name,
            sampledRequestsEnabled: true,
          },
        })),
      ],
    });

    // The name must start with aws-waf-logs-, or AWS WAF rejects the log group as a destination.
    const wafLogGroup = new LogGroup(this, 'WafLogGroup', {
      logGroupName: `aws-waf-logs-${this.stackName}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: webAcl.attrArn,
      // The log group's ARN without the ":*" suffix its Arn attribute carries, which AWS WAF refuses.
      logDestinationConfigs: [
        this.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Credentials and session cookies never reach the log.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
      // Only the requests a rule blocked or counted: allowed requests are in CloudFront's
      // standard logs already, and each WAF log record is a few KB of ingestion.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });

    // ---------------------------------------------------------------- CloudFront
    // Origin access control (not the legacy origin access identity): CloudFront signs every
    // request to the bucket's REST endpoint with SigV4.
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'Lets the edge protection distribution read the site bucket',
      signing: Signing.SIGV4_ALWAYS,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeadersPolicy', {
      comment: 'Security headers for the edge protection distribution',
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

    const distribution = new Distribution(this, 'Distribution', {
      comment: 'Edge protection',
      defaultRootObject: 'index.html',
      // Every request passes the web ACL before CloudFront answers it from the cache or the bucket.
      webAclId: webAcl.attrArn,
      defaultBehavior: {
        // The bucket's REST endpoint, not its website endpoint: only the REST endpoint supports
        // origin access control and HTTPS between CloudFront and S3.
        origin: S3BucketOrigin.withOriginAccessControl(siteBucket, { originAccessControl }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Managed CachingOptimized policy: long TTLs, gzip and Brotli, no query strings or cookies.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      // No custom error responses: CloudFront would apply one for 403 to the web ACL's blocks too,
      // and a blocked request must stay a 403.
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // All edge locations. PriceClass.PRICE_CLASS_100 (North America and Europe) costs less per
      // GB but serves readers elsewhere from farther away.
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logsBucket,
      logFilePrefix: 'cloudfront/',
    });

    // The site is for everyone, everywhere.
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A public site serves every country; the web ACL blocks abusive clients by behaviour and reputation instead. Add a geo match rule only if a licence or law requires it.',
    });
    // The *.cloudfront.net certificate accepts TLS 1.0 and 1.1 and cannot be changed; only a
    // certificate of your own allows a TLS 1.2 minimum.
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The sample uses the default *.cloudfront.net certificate, whose minimum TLS version cannot be set; add a domain name and an ACM certificate from us-east-1 to enforce TLS 1.2.',
    });

    // ---------------------------------------------------------------- Outputs
    new CfnOutput(this, 'SiteBucketName', {
      description: 'Bucket to upload the site to',
      value: siteBucket.bucketName,
    });
    new CfnOutput(this, 'LogsBucketName', {
      description: 'Bucket holding CloudFront and S3 access logs; empty it before deleting the stack',
      value: logsBucket.bucketName,
    });
    new CfnOutput(this, 'DistributionId', {
      description: 'CloudFront distribution ID',
      value: distribution.distributionId,
    });
    new CfnOutput(this, 'SiteUrl', {
      description: 'HTTPS address of the distribution',
      value: `https://${distribution.distributionDomainName}`,
    });
    new CfnOutput(this, 'WebAclArn', {
      description: 'ARN of the AWS WAF web ACL on the distribution',
      value: webAcl.attrArn,
    });
    new CfnOutput(this, 'WafLogGroupName', {
      description: 'CloudWatch Logs log group with the requests the web ACL blocked or counted',
      value: wafLogGroup.logGroupName,
    });
  }
}
