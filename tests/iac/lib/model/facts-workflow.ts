/**
 * Facts of AWS Step Functions state machines, in the words of facts.ts: the workflow type, what it
 * logs and traces, and its definition state by state, with the placeholders filled in and every
 * resource it names reduced to its type (`<AWS::DynamoDB::Table>`). facts.ts adds them to every
 * model, so a variant that deploys another definition, or fills a placeholder with another kind of
 * resource, or logs less, shows as a difference.
 *
 * The definition is read as CloudFormation gives it: `DefinitionString` (text) or `Definition`
 * (an object), with `DefinitionSubstitutions` applied to its `${name}` placeholders. read-terraform.ts
 * gives Terraform's rendered `definition` as DefinitionString.
 */
import { list, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on } from './fact-values';

/** The state machine's definition as an object, or why it cannot be read offline. */
export function stateMachineDefinition(r: ModelResource): { definition: Props } | { problem: string } {
	const p = r.props;
	if (p['Definition'] && typeof p['Definition'] === 'object') return { definition: object(p['Definition']) };
	const text = p['DefinitionString'];
	if (typeof text !== 'string') return { problem: p['DefinitionS3Location'] ? 'in S3 (DefinitionS3Location), not readable offline' : 'missing' };
	const substitutions = object(p['DefinitionSubstitutions']);
	const filled = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
		const value = substitutions[name];
		return value === undefined || value === null || typeof value === 'object' ? whole : String(value);
	});
	try {
		return { definition: object(JSON.parse(filled) as Json) };
	} catch (error) {
		return { problem: `not JSON after its placeholders are filled in (${(error as Error).message})` };
	}
}

/** Every state of a definition, nested ones (Parallel branches, Map processors) included, by name. */
function statesOf(definition: Props): Array<[string, Props]> {
	return Object.entries(object(definition['States'])).flatMap(([name, state]) => {
		const s = object(state);
		const nested = [...list(s['Branches']), ...(s['ItemProcessor'] ? [s['ItemProcessor']] : []), ...(s['Iterator'] ? [s['Iterator']] : [])];
		return [[name, s] as [string, Props], ...nested.flatMap((d) => statesOf(object(d)))];
	});
}

export function workflowFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	for (const r of model.resources.values()) {
		if (r.type !== 'AWS::StepFunctions::StateMachine') continue;
		const add = (kind: string, text: string) => facts.push({ kind, text, source: r.id });
		const p = r.props;
		const logging = object(p['LoggingConfiguration']);
		const destinations = list(logging['Destinations']).map((d) => object(object(d)['CloudWatchLogsLogGroup'])['LogGroupArn']);
		const level = String(logging['Level'] ?? 'OFF');
		add('size', `state machine: ${p['StateMachineType'] ?? 'STANDARD'}, X-Ray tracing ${on(object(p['TracingConfiguration'])['Enabled']) ? 'on' : 'off'}`);
		add(
			'logs',
			level === 'OFF'
				? 'state machine logs nothing'
				: `state machine logs ${level}${on(logging['IncludeExecutionData']) ? ' with' : ' without'} execution data to ${destinations.map((d) => canonical(model, d)).join(', ') || 'nowhere'}`
		);
		const read = stateMachineDefinition(r);
		if ('problem' in read) {
			add('workflow', `state machine definition: ${read.problem}`);
			continue;
		}
		const { States: _states, ...top } = read.definition;
		add('workflow', `state machine definition: ${canonical(model, top as Json)}`);
		for (const [name, state] of statesOf(read.definition)) add('workflow', `state machine state ${name}: ${canonical(model, state)}`);
	}
	return facts;
}
