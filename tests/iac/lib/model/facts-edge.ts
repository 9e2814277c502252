/**
 * Facts of AWS WAF and what it protects, in the words of facts.ts: a web ACL's scope and default
 * action; each rule in priority order, with what it matches (a managed rule group and how its
 * actions are overridden, a rate limit with its window and key, or any other statement) and what
 * it does to a match; which metrics and sampled requests each publishes; where the web ACL logs,
 * which fields it redacts and which requests its filter keeps; and whether a CloudFront
 * distribution sits behind a web ACL. facts.ts adds them to every model, so a variant with another
 * rule order, limit, managed group, action or logging filter shows as a difference.
 *
 * Each reads CloudFormation's property names (read-terraform-edge.ts maps Terraform's blocks to
 * them) and applies AWS WAF's documented defaults where a property is left out: a rate-based rule
 * counts over 300 seconds, and a block answers 403.
 */
import { list, referencedIds, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on, given } from './fact-values';

/** JSON with its keys sorted, so the same statement written in another key order reads the same. */
function stable(value: Json | undefined): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${stable(value[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** What a rule statement matches, in words for the kinds the patterns use and as sorted JSON for the rest. */
export function statementText(model: Model, statement: Json | undefined): string {
	const entries = Object.entries(object(statement));
	if (entries.length !== 1) return `statement ${canonical(model, stable(statement))}`;
	const [kind, body] = entries[0] as [string, Json];
	const p = object(body);
	switch (kind) {
		case 'ManagedRuleGroupStatement': {
			const overrides = (list(p['RuleActionOverrides']) as Props[])
				.map((o) => `${o['Name']} -> ${actionText(object(o['ActionToUse']))}`)
				.sort();
			const excluded = (list(p['ExcludedRules']) as Props[]).map((r) => String(r['Name'])).sort();
			return [
				`managed rule group ${p['VendorName']}/${p['Name']}${given(p['Version']) ? ` version ${p['Version']}` : ''}`,
				...(overrides.length ? [`rule overrides ${overrides.join(', ')}`] : []),
				...(excluded.length ? [`excluded rules ${excluded.join(', ')}`] : []),
				...(given(p['ManagedRuleGroupConfigs']) ? [`configured ${canonical(model, stable(p['ManagedRuleGroupConfigs']))}`] : []),
				...(given(p['ScopeDownStatement']) ? [`only for requests matching ${statementText(model, p['ScopeDownStatement'])}`] : []),
			].join(', ');
		}
		case 'RateBasedStatement': {
			const key = String(p['AggregateKeyType'] ?? 'IP');
			const keys = key === 'CUSTOM_KEYS' ? `custom keys ${canonical(model, stable(p['CustomKeys']))}` : key === 'FORWARDED_IP' ? `forwarded IP ${canonical(model, stable(p['ForwardedIPConfig']))}` : key;
			return [
				`rate-based, more than ${p['Limit']} requests in ${p['EvaluationWindowSec'] ?? 300} s per ${keys}`,
				...(given(p['ScopeDownStatement']) ? [`counting only requests matching ${statementText(model, p['ScopeDownStatement'])}`] : []),
			].join(', ');
		}
		case 'RuleGroupReferenceStatement':
		case 'IPSetReferenceStatement': {
			const referenced = target(model, p['Arn']);
			const rest = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'Arn'));
			return `${kind} ${referenced ? `<${referenced.type}>` : canonical(model, p['Arn'])}${Object.keys(rest).length ? ` ${canonical(model, stable(rest))}` : ''}`;
		}
		default:
			return `${kind} ${canonical(model, stable(body))}`;
	}
}

/** What a rule action, or a default action, does to a request. */
export function actionText(action: Props): string {
	if (given(action['Block'])) {
		const custom = object(object(action['Block'])['CustomResponse']);
		return `block (${custom['ResponseCode'] ?? 403}${given(custom['CustomResponseBodyKey']) ? `, body ${custom['CustomResponseBodyKey']}` : ''})`;
	}
	for (const [key, words] of [
		['Allow', 'allow'],
		['Count', 'count'],
		['Captcha', 'CAPTCHA'],
		['Challenge', 'challenge'],
	] as const) {
		if (given(action[key])) return words;
	}
	return 'no action';
}

function visibilityText(config: Json | undefined): string {
	const v = object(config);
	return `metrics ${on(v['CloudWatchMetricsEnabled']) ? 'on' : 'off'} (${v['MetricName'] ?? 'unnamed'}), sampled requests ${on(v['SampledRequestsEnabled']) ? 'on' : 'off'}`;
}

/** Where a logging destination points: the resource it names, else its ARN. */
function destinationText(model: Model, value: Json): string {
	const id = referencedIds(value, model.resources)[0];
	const r = id ? model.resources.get(id) : undefined;
	if (r?.type === 'AWS::Logs::LogGroup') return `a log group kept ${r.props['RetentionInDays'] ?? 'forever'}${r.props['RetentionInDays'] ? ' days' : ''}`;
	if (r) return `<${r.type}>`;
	return canonical(model, value);
}

function fieldText(field: Json): string {
	const f = object(field);
	if (given(f['SingleHeader'])) return `header ${String(object(f['SingleHeader'])['Name']).toLowerCase()}`;
	const kind = Object.keys(f)[0];
	return kind ? kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'nothing';
}

function conditionText(condition: Json): string {
	const c = object(condition);
	if (given(c['ActionCondition'])) return `action ${object(c['ActionCondition'])['Action']}`;
	if (given(c['LabelNameCondition'])) return `label ${object(c['LabelNameCondition'])['LabelName']}`;
	return stable(condition);
}

function filterText(filter: Json | undefined): string {
	const f = object(filter);
	if (!given(filter)) return 'logs every request';
	const filters = (list(f['Filters']) as Props[]).map((one) => {
		const conditions = list(one['Conditions']).map(conditionText).sort();
		return `${String(one['Behavior']).toLowerCase()}s requests with ${one['Requirement'] === 'MEETS_ALL' ? 'all' : 'any'} of ${conditions.join(', ')}`;
	});
	return `${filters.join('; ')}; ${String(f['DefaultBehavior']).toLowerCase()}s the rest`;
}

/** The web ACL a logging configuration belongs to, named by its scope (the patterns have one of each at most). */
function webAclName(model: Model, arn: Json | undefined): string {
	const acl = target(model, arn);
	return acl?.type === 'AWS::WAFv2::WebACL' ? `${acl.props['Scope'] ?? 'unscoped'} web ACL` : `web ACL ${canonical(model, arn)}`;
}

/** Web ACLs, their rules and logging, and the web ACL in front of each distribution, as facts. */
export function edgeFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	const add = (kind: string, text: string, source: string) => facts.push({ kind, text, source });

	for (const acl of resourcesOfType(model, 'AWS::WAFv2::WebACL')) {
		const p = acl.props;
		const name = `${p['Scope'] ?? 'unscoped'} web ACL`;
		add('waf', `${name}: default action ${actionText(object(p['DefaultAction']))}; ${visibilityText(p['VisibilityConfig'])}`, acl.id);
		const rules = (list(p['Rules']) as Props[]).slice().sort((a, b) => Number(a['Priority']) - Number(b['Priority']));
		for (const rule of rules) {
			const override = object(rule['OverrideAction']);
			const does = given(rule['Action'])
				? actionText(object(rule['Action']))
				: given(override['Count'])
					? "count only (the group's own actions are overridden)"
					: given(override['None'])
						? "the group's own actions"
						: 'no action';
			add('waf', `${name} rule ${rule['Priority']} ${rule['Name']}: ${statementText(model, rule['Statement'])} -> ${does}; ${visibilityText(rule['VisibilityConfig'])}`, acl.id);
		}
	}

	for (const logging of resourcesOfType(model, 'AWS::WAFv2::LoggingConfiguration')) {
		const p = logging.props;
		const destinations = list(p['LogDestinationConfigs']).map((d) => destinationText(model, d)).sort();
		const redacted = list(p['RedactedFields']).map(fieldText).sort();
		add(
			'logs',
			`${webAclName(model, p['ResourceArn'])} logs to ${destinations.join(', ') || 'nowhere'}, redacting ${redacted.join(', ') || 'nothing'}; ${filterText(p['LoggingFilter'])}`,
			logging.id
		);
	}

	for (const distribution of resourcesOfType(model, 'AWS::CloudFront::Distribution')) {
		const webAclId = object(distribution.props['DistributionConfig'])['WebACLId'];
		const acl = target(model, webAclId);
		const behind = acl?.type === 'AWS::WAFv2::WebACL' ? `behind the ${acl.props['Scope'] ?? 'unscoped'} web ACL` : given(webAclId) && webAclId !== '' ? 'behind a web ACL outside the pattern' : 'no AWS WAF web ACL';
		add('waf', `CloudFront distribution: ${behind}`, distribution.id);
	}
	return facts;
}

/** The WAF logging configurations and each destination they name, for rules that check them. */
export function wafLogDestinations(model: Model): Array<{ logging: ModelResource; destination: Json; resource: ModelResource | undefined }> {
	return resourcesOfType(model, 'AWS::WAFv2::LoggingConfiguration').flatMap((logging) =>
		list(logging.props['LogDestinationConfigs']).map((destination) => {
			const id = referencedIds(destination, model.resources)[0];
			return { logging, destination, resource: id ? model.resources.get(id) : undefined };
		})
	);
}
