/**
 * Facts of how a new release of a function reaches its callers, in the words of facts.ts: which
 * functions publish versions and whether they keep the ones they replace; which version a Lambda
 * alias serves, with what weights, and what moves it to a new version (a CloudFormation
 * UpdatePolicy that hands the change to CodeDeploy, Terraform leaving it to a deployment you
 * start, or an update that moves all traffic at once); who may invoke an alias and which API
 * integration does; which alias or version a Lambda alarm watches; and how a CodeDeploy deployment
 * group shifts traffic, which alarms stop it and when it rolls back. facts.ts adds them to every
 * model, so a variant with another deployment configuration, a missing rollback event or alarm, or
 * an alias that takes new versions at once shows as a difference.
 *
 * Each reads CloudFormation's property names (read-terraform-delivery.ts maps Terraform's arguments
 * to them) and applies the service's documented default where a property is left out. Resources
 * are named by what they are (the alias's name, the alarm's metric), never by id.
 */
import { list, resourcesOfType, target, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on, given } from './fact-values';

/** The resource of a type a value names: a reference to it, or (Terraform) the literal name it was given. */
function named(model: Model, value: Json | undefined, type: string, nameKey: string): ModelResource | undefined {
	const referenced = target(model, value);
	if (referenced) return referenced.type === type ? referenced : undefined;
	if (typeof value !== 'string') return undefined;
	return resourcesOfType(model, type).find((r) => r.props[nameKey] === value);
}

/** The function a value names: a reference to the function, or its name. */
function functionNamed(model: Model, value: Json | undefined): ModelResource | undefined {
	return named(model, value, 'AWS::Lambda::Function', 'FunctionName');
}

/** Whether a function publishes versions: an AWS::Lambda::Version of it, or Terraform's publish = true. */
function versionsOf(model: Model, fn: ModelResource): ModelResource[] {
	return resourcesOfType(model, 'AWS::Lambda::Version').filter((v) => functionNamed(model, v.props['FunctionName'])?.id === fn.id);
}

/** What an alias's FunctionVersion points at, in words that do not depend on the tool. */
function versionText(model: Model, value: Json | undefined): string {
	const referenced = target(model, value);
	if (referenced?.type === 'AWS::Lambda::Version') return 'the version the deployment published';
	// Terraform: ${aws_lambda_function.<name>.version}, the newest version publish = true published.
	if (referenced?.type === 'AWS::Lambda::Function' && typeof value === 'string' && value.endsWith('.version}') && on(referenced.props['Publish'])) {
		return 'the version the deployment published';
	}
	if (value === '$LATEST') return '$LATEST, the unpublished code';
	return `version ${canonical(model, value ?? null)}`;
}

/** The alias a permission or an alarm's Resource dimension names: by reference, or by its function and qualifier. */
function aliasOf(model: Model, fn: ModelResource | undefined, qualifier: Json | undefined): ModelResource | undefined {
	if (!fn || !given(qualifier)) return undefined;
	return resourcesOfType(model, 'AWS::Lambda::Alias').find((a) => functionNamed(model, a.props['FunctionName'])?.id === fn.id && a.props['Name'] === qualifier);
}

/** An alarm in words: the metric it watches. */
function alarmText(model: Model, value: Json | undefined): string {
	const alarm = named(model, value, 'AWS::CloudWatch::Alarm', 'AlarmName');
	if (!alarm) return `an alarm outside the pattern (${canonical(model, value ?? null)})`;
	const queries = list(alarm.props['Metrics']);
	const only = queries.length === 1 ? object(object(object(queries[0])['MetricStat'])['Metric']) : {};
	const p = given(only['MetricName']) ? only : alarm.props;
	return `the alarm on ${p['Namespace']} ${p['MetricName']}`;
}

/** Lambda versions and aliases, CodeDeploy applications and deployment groups of a model, as facts. */
export function deliveryFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	const add = (kind: string, text: string, source: string) => facts.push({ kind, text, source });

	// ------------------------------------------------------------------ versions
	for (const fn of resourcesOfType(model, 'AWS::Lambda::Function')) {
		const versions = versionsOf(model, fn);
		if (versions.length > 0) {
			for (const version of versions) {
				const keeps = version.deletionPolicy === 'Retain';
				add('delivery', `Lambda function publishes a version on each change and ${keeps ? 'keeps' : 'deletes'} the version it replaces`, version.id);
			}
		} else if (on(fn.props['Publish'])) {
			// Terraform never deletes a version that publish = true published; they go with the function.
			add('delivery', 'Lambda function publishes a version on each change and keeps the version it replaces', fn.id);
		}
	}

	// ------------------------------------------------------------------ aliases
	for (const alias of resourcesOfType(model, 'AWS::Lambda::Alias')) {
		const p = alias.props;
		const name = String(p['Name']);
		const weights = (list(object(p['RoutingConfig'])['AdditionalVersionWeights']) as Props[]).map(
			(w) => `, ${Math.round(Number(w['FunctionWeight']) * 100)}% to version ${canonical(model, w['FunctionVersion'] ?? null)}`
		);
		add('delivery', `Lambda alias ${name}: serves ${versionText(model, p['FunctionVersion'])}${weights.join('')}`, alias.id);

		const codeDeploy = object(object(alias.updatePolicy)['CodeDeployLambdaAliasUpdate']);
		let shift: string;
		if (given(codeDeploy['DeploymentGroupName'])) {
			const group = named(model, codeDeploy['DeploymentGroupName'], 'AWS::CodeDeploy::DeploymentGroup', 'DeploymentGroupName');
			const hooks = (['BeforeAllowTrafficHook', 'AfterAllowTrafficHook'] as const).filter((h) => given(codeDeploy[h]) && codeDeploy[h] !== '');
			shift = `a new version gets traffic through ${group ? "the pattern's CodeDeploy deployment group" : 'a CodeDeploy deployment group outside the pattern'} when the stack updates${hooks.length ? `, with ${hooks.join(' and ')}` : ''}`;
		} else if (model.variant === 'terraform') {
			const ignored = (alias.ignoredChanges ?? []).filter((a) => ['function_version', 'routing_config', 'all'].includes(a)).sort();
			shift = ignored.includes('function_version') || ignored.includes('all')
				? `a new version gets traffic through a CodeDeploy deployment you start (Terraform ignores ${ignored.join(', ')})`
				: 'a new version gets all traffic at once when Terraform applies';
		} else {
			shift = 'a new version gets all traffic at once when the stack updates';
		}
		add('delivery', `Lambda alias ${name}: ${shift}`, alias.id);
	}

	// Who may invoke an alias, and which API integration invokes one: a permission or integration
	// on the function instead would bypass the alias and its weights.
	const invokers = new Map<string, string>();
	for (const permission of resourcesOfType(model, 'AWS::Lambda::Permission')) {
		const p = permission.props;
		const direct = target(model, p['FunctionName']);
		const alias = direct?.type === 'AWS::Lambda::Alias' ? direct : aliasOf(model, functionNamed(model, p['FunctionName']), p['Qualifier']);
		if (!alias) continue;
		invokers.set(`Lambda alias ${alias.props['Name']}: ${canonical(model, p['Principal'] ?? null)} may invoke it`, permission.id);
	}
	for (const [text, source] of invokers) add('access', text, source);
	for (const integration of resourcesOfType(model, 'AWS::ApiGatewayV2::Integration')) {
		const alias = target(model, integration.props['IntegrationUri']);
		if (alias?.type === 'AWS::Lambda::Alias') add('access', `HTTP API integration invokes Lambda alias ${alias.props['Name']}`, integration.id);
	}

	// Which alias or version a Lambda alarm counts (dimension Resource = function:qualifier).
	for (const alarm of resourcesOfType(model, 'AWS::CloudWatch::Alarm')) {
		const p = alarm.props;
		if (p['Namespace'] !== 'AWS/Lambda') continue;
		const dimensions = Object.fromEntries((list(p['Dimensions']) as Props[]).map((d) => [String(d['Name']), d['Value'] ?? null]));
		const resource = dimensions['Resource'];
		if (typeof resource !== 'string') continue;
		const cut = resource.lastIndexOf(':');
		const fn = functionNamed(model, resource.slice(0, cut));
		const qualifier = resource.slice(cut + 1);
		const alias = aliasOf(model, fn, qualifier);
		const same = fn && functionNamed(model, dimensions['FunctionName'])?.id === fn.id;
		add(
			'alarm',
			`alarm on AWS/Lambda ${p['MetricName']} counts invocations through ${alias ? `Lambda alias ${qualifier}` : `qualifier ${qualifier}`}${same ? '' : ' of another function than its FunctionName'}${given(dimensions['ExecutedVersion']) ? `, run by version ${canonical(model, dimensions['ExecutedVersion'])}` : ''}`,
			alarm.id
		);
	}

	// ------------------------------------------------------------------ CodeDeploy
	for (const application of resourcesOfType(model, 'AWS::CodeDeploy::Application')) {
		add('delivery', `CodeDeploy application for ${application.props['ComputePlatform'] ?? 'Server'}`, application.id);
	}
	for (const group of resourcesOfType(model, 'AWS::CodeDeploy::DeploymentGroup')) {
		const p = group.props;
		const application = named(model, p['ApplicationName'], 'AWS::CodeDeploy::Application', 'ApplicationName');
		const style = object(p['DeploymentStyle']);
		const alarms = object(p['AlarmConfiguration']);
		const rollback = object(p['AutoRollbackConfiguration']);
		const alarmNames = (list(alarms['Alarms']) as Props[]).map((a) => alarmText(model, a['Name'])).sort();
		const stops = on(alarms['Enabled']) && alarmNames.length ? `stops on ${alarmNames.join(', ')}${on(alarms['IgnorePollAlarmFailure']) ? ' (ignores alarm poll failures)' : ''}` : 'no alarms stop it';
		const events = list(rollback['Events']).map(String).sort();
		const rollsBack = on(rollback['Enabled']) && events.length ? `rolls back on ${events.join(', ')}` : 'no automatic rollback';
		add(
			'delivery',
			`CodeDeploy deployment group of ${application ? `the ${application.props['ComputePlatform'] ?? 'Server'} application` : 'an application outside the pattern'}: ${p['DeploymentConfigName'] ?? 'CodeDeployDefault.OneAtATime'}, ${style['DeploymentType'] ?? 'IN_PLACE'} ${style['DeploymentOption'] ?? 'WITHOUT_TRAFFIC_CONTROL'}; ${stops}; ${rollsBack}`,
			group.id
		);
	}
	return facts;
}
