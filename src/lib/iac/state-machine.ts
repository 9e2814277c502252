/**
 * Reads an Amazon States Language definition (a Step Functions state machine) as a graph: which
 * states an execution can enter after which. Pure functions, for the cost estimate (sizing.ts counts
 * the state transitions of a successful execution) and for the tests that walk the failure paths.
 */

export interface AslState {
	Type: string;
	Next?: string;
	End?: boolean;
	Default?: string;
	Choices?: Array<{ Next?: string }>;
	Catch?: Array<{ ErrorEquals: string[]; Next: string }>;
	Resource?: string;
	[field: string]: unknown;
}

export interface AslDefinition {
	StartAt: string;
	States: Record<string, AslState>;
	[field: string]: unknown;
}

/** A definition from its JSON text; `${...}` placeholders inside strings do not matter to the graph. */
export function parseDefinition(text: string): AslDefinition {
	const definition = JSON.parse(text) as AslDefinition;
	if (typeof definition?.StartAt !== 'string' || !definition.States || typeof definition.States !== 'object') {
		throw new Error('not a state machine definition: it needs StartAt and States');
	}
	return definition;
}

/** States an execution goes to when a state ends normally: Next, or a Choice's branches and Default. */
export function normalSuccessors(state: AslState): string[] {
	if (state.Type === 'Choice') return [...(state.Choices ?? []).map((c) => c.Next).filter((n): n is string => typeof n === 'string'), ...(state.Default ? [state.Default] : [])];
	return state.Next ? [state.Next] : [];
}

/** States an execution goes to when a state fails and one of its Catch rules matches. */
export function catchSuccessors(state: AslState): string[] {
	return (state.Catch ?? []).map((c) => c.Next);
}

/** A state that ends a successful execution. */
export function endsInSuccess(state: AslState): boolean {
	return state.Type === 'Succeed' || (state.End === true && state.Type !== 'Fail');
}

/**
 * The states a successful execution enters, in order, on the shortest way from StartAt to a Succeed
 * state (or a state with End: true) without any failure: the states the bill counts as state
 * transitions, before retries. Undefined when no such way exists.
 */
export function successPath(definition: AslDefinition): string[] | undefined {
	const queue: string[][] = [[definition.StartAt]];
	const seen = new Set<string>([definition.StartAt]);
	while (queue.length) {
		const path = queue.shift()!;
		const state = definition.States[path[path.length - 1]!];
		if (!state) continue;
		if (endsInSuccess(state)) return path;
		for (const next of normalSuccessors(state)) {
			if (seen.has(next)) continue;
			seen.add(next);
			queue.push([...path, next]);
		}
	}
	return undefined;
}
