/**
 * Proofs for Amazon States Language definitions beyond the schema that asl-validator checks:
 * - `compensationProblems` walks every failure path of a saga and says where a finished step is
 *   left undone, undone twice, undone out of order, or where a step that never happened is undone;
 * - `simulate` runs a JSONata definition offline against fake task handlers, with Step Functions'
 *   rules for Retry, Catch, Assign, Output and Choice, so its expressions are evaluated for real.
 */
import jsonata from 'jsonata';
import { catchSuccessors, normalSuccessors, successPath, type AslDefinition, type AslState } from '../../../src/lib/iac/state-machine';

// ---------------------------------------------------------------------------------------------
// Compensation

/** Task resources that change nothing, so need no compensation. */
const readOnlyResources = /^arn:aws:states:::(dynamodb:getItem|aws-sdk:[a-z0-9]+:(get|list|describe|query|scan)\w*)$/i;

export function changesSomething(state: AslState): boolean {
	return state.Type === 'Task' && typeof state.Resource === 'string' && !readOnlyResources.test(state.Resource);
}

/** Every way from `from` to a state that ends the execution, along normal and Catch transitions. */
export function pathsToEnd(definition: AslDefinition, from: string): string[][] {
	const paths: string[][] = [];
	const walk = (path: string[]) => {
		const state = definition.States[path[path.length - 1]!];
		if (!state) return void paths.push(path);
		const next = [...new Set([...normalSuccessors(state), ...catchSuccessors(state)])].filter((n) => !path.includes(n));
		if (next.length === 0) return void paths.push(path);
		for (const n of next) walk([...path, n]);
	};
	walk([from]);
	return paths;
}

/** What a Task state calls: its service and the table or function it names. */
function callTarget(state: AslState | undefined): string {
	const args = (state?.['Arguments'] ?? state?.['Parameters'] ?? {}) as Record<string, unknown>;
	const service = String(state?.Resource ?? '').replace(/^arn:aws:states:::/, '').split(':')[0];
	return JSON.stringify([service, args['TableName'], args['FunctionName']]);
}

/**
 * Where the saga fails to undo its finished steps. `compensations` names, for each step on the
 * success path that changes something, the state that undoes it; the last such step needs none
 * when nothing after it can fail. Checked for every step: a failure must be caught (States.ALL),
 * and every way from the Catch to the end must run the compensations of all earlier steps, each
 * once, latest step first, none of its own or of later steps, and end in a Fail state.
 */
export function compensationProblems(definition: AslDefinition, compensations: Readonly<Record<string, string>>): string[] {
	const problems: string[] = [];
	const path = successPath(definition);
	if (!path) return ['no way from StartAt to success'];
	const undoers = new Set(Object.values(compensations));
	const steps = path.filter((name) => changesSomething(definition.States[name]!) && !undoers.has(name));
	for (const [step, undo] of Object.entries(compensations)) {
		if (!steps.includes(step)) problems.push(`${step} is not a step of the success path that changes something`);
		if (!definition.States[undo]) problems.push(`${undo}, which undoes ${step}, is not a state`);
		else if (callTarget(definition.States[undo]) !== callTarget(definition.States[step])) problems.push(`${undo} does not call the same resource as ${step}, which it undoes`);
	}
	steps.forEach((step, index) => {
		if (index < steps.length - 1 && !compensations[step]) problems.push(`${step} changes something, and later steps can fail, but nothing undoes it`);
	});
	const fromIndex = (name: string) => path.indexOf(name);
	for (const failing of path.filter((name) => definition.States[name]!.Type === 'Task')) {
		const state = definition.States[failing]!;
		const done = steps.filter((step) => fromIndex(step) < fromIndex(failing));
		const notDone = steps.filter((step) => fromIndex(step) >= fromIndex(failing));
		if (!(state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'))) {
			problems.push(`${failing}: an error its Catch rules do not match ends the execution without undoing ${done.join(', ') || 'anything'}`);
		}
		for (const target of new Set(catchSuccessors(state))) {
			for (const way of pathsToEnd(definition, target)) {
				const shown = [failing, ...way].join(' → ');
				const ran = way.filter((name) => undoers.has(name));
				const expected = done.map((step) => compensations[step]).filter((u): u is string => !!u).reverse();
				for (const undo of expected) if (!ran.includes(undo)) problems.push(`${failing} fails: ${shown} never runs ${undo}`);
				for (const step of notDone) if (compensations[step] && ran.includes(compensations[step])) problems.push(`${failing} fails: ${shown} runs ${compensations[step]}, but ${step} never happened`);
				const order = ran.filter((u) => expected.includes(u));
				if (new Set(ran).size !== ran.length) problems.push(`${failing} fails: ${shown} runs a compensation twice`);
				else if (order.length === expected.length && order.some((u, i) => u !== expected[i])) problems.push(`${failing} fails: ${shown} undoes out of order (expected ${expected.join(', ')})`);
				const end = definition.States[way[way.length - 1]!];
				if (end?.Type !== 'Fail') problems.push(`${failing} fails: ${shown} ends in ${end?.Type ?? 'a missing state'}, not Fail`);
			}
		}
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Simulation

export class StatesError extends Error {
	constructor(
		readonly error: string,
		override readonly cause = ''
	) {
		super(`${error}: ${cause}`);
	}
}

/** A fake task: gets the resource and evaluated Arguments, returns the result or throws a StatesError. */
export type TaskHandler = (resource: string, args: Record<string, unknown>, state: string) => unknown;

export interface Execution {
	status: 'SUCCEEDED' | 'FAILED';
	output?: unknown;
	error?: string;
	cause?: string;
	/** Every state entered, in order: the state transitions a Standard workflow bills. */
	states: string[];
	/** Every task attempt, retries included. */
	attempts: string[];
}

const json = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

type Bindings = Record<string, unknown>;

/** A field's value: `{% expr %}` evaluated with the bindings, objects and arrays field by field. */
async function evaluate(template: unknown, bindings: Bindings, where: string): Promise<unknown> {
	if (typeof template === 'string') {
		const match = /^\{%(.*)%\}$/s.exec(template);
		if (!match) return template;
		let value: unknown;
		try {
			value = await jsonata(match[1]!).evaluate(undefined, bindings);
		} catch (error) {
			throw new StatesError('States.QueryEvaluationError', `${where}: ${(error as Error).message}`);
		}
		if (value === undefined) throw new StatesError('States.QueryEvaluationError', `${where}: ${template} returned nothing`);
		return json(value);
	}
	if (Array.isArray(template)) return Promise.all(template.map((item, i) => evaluate(item, bindings, `${where}[${i}]`)));
	if (template && typeof template === 'object') {
		const entries = await Promise.all(Object.entries(template).map(async ([k, v]) => [k, await evaluate(v, bindings, `${where}.${k}`)] as const));
		return Object.fromEntries(entries);
	}
	return template;
}

function matches(errorEquals: string[], error: string): boolean {
	return errorEquals.some((name) => name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'));
}

/**
 * Runs a JSONata definition from StartAt to its end, each Task through `handler`. Retries happen at
 * once (no waiting); Assign expressions see the variables as they were before the state.
 */
export async function simulate(definition: AslDefinition, input: unknown, handler: TaskHandler, maxStates = 100): Promise<Execution> {
	if (definition['QueryLanguage'] !== 'JSONata') throw new Error('simulate() runs JSONata definitions only');
	const variables: Bindings = {};
	const states: string[] = [];
	const attempts: string[] = [];
	let name = definition.StartAt;
	let current: unknown = json(input);
	const assign = async (spec: unknown, bindings: Bindings, where: string) => {
		if (!spec) return;
		Object.assign(variables, (await evaluate(spec, bindings, where)) as Bindings);
	};
	while (states.length < maxStates) {
		const state = definition.States[name];
		if (!state) throw new Error(`no state ${name}`);
		states.push(name);
		const context = { Execution: { Name: 'simulated' }, State: { Name: name, EnteredTime: '2026-12-07T12:00:00.000Z' } };
		const base = (extra: Bindings = {}): Bindings => ({ ...variables, states: { input: current, context, ...extra } });
		switch (state.Type) {
			case 'Succeed':
				return { status: 'SUCCEEDED', output: state['Output'] === undefined ? current : await evaluate(state['Output'], base(), `${name}.Output`), states, attempts };
			case 'Fail':
				return {
					status: 'FAILED',
					error: String(await evaluate(state['Error'] ?? '', base(), `${name}.Error`)),
					cause: String(await evaluate(state['Cause'] ?? '', base(), `${name}.Cause`)),
					states,
					attempts,
				};
			case 'Choice': {
				let next = state.Default;
				for (const [i, rule] of (state.Choices ?? []).entries()) {
					if ((await evaluate((rule as Record<string, unknown>)['Condition'], base(), `${name}.Choices[${i}]`)) === true) {
						next = rule.Next;
						break;
					}
				}
				if (!next) return { status: 'FAILED', error: 'States.NoChoiceMatched', cause: name, states, attempts };
				name = next;
				break;
			}
			case 'Task': {
				const tries = new Map<number, number>();
				let outcome: { result: unknown } | { error: StatesError };
				for (;;) {
					attempts.push(name);
					try {
						const args = (await evaluate(state['Arguments'] ?? {}, base(), `${name}.Arguments`)) as Record<string, unknown>;
						outcome = { result: json(await handler(String(state.Resource), args, name)) };
					} catch (error) {
						if (!(error instanceof StatesError)) throw error;
						outcome = { error };
					}
					if ('result' in outcome) break;
					const failure = outcome.error;
					const index = ((state['Retry'] ?? []) as Array<{ ErrorEquals: string[]; MaxAttempts?: number }>).findIndex((r) => matches(r.ErrorEquals, failure.error));
					const retrier = index >= 0 ? (state['Retry'] as Array<{ MaxAttempts?: number }>)[index]! : undefined;
					if (!retrier || (tries.get(index) ?? 0) >= (retrier.MaxAttempts ?? 3)) break;
					tries.set(index, (tries.get(index) ?? 0) + 1);
				}
				if ('result' in outcome) {
					const bindings = base({ result: outcome.result });
					await assign(state['Assign'], bindings, `${name}.Assign`);
					current = state['Output'] === undefined ? outcome.result : await evaluate(state['Output'], bindings, `${name}.Output`);
					if (state.End) return { status: 'SUCCEEDED', output: current, states, attempts };
					name = state.Next!;
					break;
				}
				const { error: failure } = outcome;
				const catcher = (state.Catch ?? []).find((c) => matches(c.ErrorEquals, failure.error));
				if (!catcher) return { status: 'FAILED', error: failure.error, cause: failure.cause, states, attempts };
				const errorOutput = { Error: failure.error, Cause: failure.cause };
				const bindings = base({ errorOutput });
				await assign((catcher as Record<string, unknown>)['Assign'], bindings, `${name}.Catch`);
				const output = (catcher as Record<string, unknown>)['Output'];
				current = output === undefined ? errorOutput : await evaluate(output, bindings, `${name}.Catch.Output`);
				name = catcher.Next;
				break;
			}
			default:
				throw new Error(`simulate() does not run ${state.Type} states (${name})`);
		}
	}
	throw new Error(`more than ${maxStates} states entered: a loop?`);
}
