/**
 * Deploy-time rules for AWS WAF, in the manner of rules.ts: what every schema accepts and the
 * deployment still rejects. tests/iac/model.test.ts proves each can fail.
 */
import type { Json, Model } from '../../../../src/lib/iac/model';
import { wafLogDestinations } from './facts-edge';

/** The name a logging destination has, by its type, or what its ARN says. */
function destinationName(resource: { type: string; props: Record<string, Json> } | undefined, destination: Json): string | undefined {
	const byType: Record<string, string> = {
		'AWS::Logs::LogGroup': 'LogGroupName',
		'AWS::S3::Bucket': 'BucketName',
		'AWS::KinesisFirehose::DeliveryStream': 'DeliveryStreamName',
	};
	if (resource) {
		const key = byType[resource.type];
		const name = key ? resource.props[key] : undefined;
		return typeof name === 'string' ? name : undefined;
	}
	const arn = typeof destination === 'string' ? destination : '';
	return /:log-group:([^:]+)/.exec(arn)?.[1] ?? /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1] ?? /:deliverystream\/(.+)$/.exec(arn)?.[1];
}

/**
 * AWS WAF accepts a CloudWatch Logs log group, an S3 bucket or a Firehose stream as a web ACL's log
 * destination only when its name starts with aws-waf-logs-; any other name fails the deployment
 * with "The ARN isn't valid" (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html).
 * A generated name never starts with it, so the destination must be named in the code.
 */
export function wafLogDestinationsNamed(model: Model): string[] {
	return wafLogDestinations(model).flatMap(({ logging, destination, resource }) => {
		const name = destinationName(resource, destination);
		if (name === undefined) {
			return [`${logging.id}: logs to ${resource ? `${resource.id}, whose name is generated` : 'a destination whose name this rule cannot read'}; AWS WAF accepts only names that start with aws-waf-logs-`];
		}
		return name.startsWith('aws-waf-logs-') ? [] : [`${logging.id}: logs to ${resource?.id ?? name} named ${name}; AWS WAF accepts only names that start with aws-waf-logs-`];
	});
}
