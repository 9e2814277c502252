/**
 * Proves the order saga's state machine definition (content/patterns/order-saga-workflow/
 * statemachine/order.asl.json), the one file the three variants deploy:
 * - asl-validator accepts it, and rejects fixtures with a missing state and with a broken expression;
 * - every step that changes something is undone on every way a later step can fail, latest first,
 *   and a fixture whose shipping failure skips the refund fails that walk;
 * - CloudFormation inlines exactly this file, and each variant fills in every placeholder;
 * - the state machine's role may call exactly what the definition calls, in every variant;
 * - run offline (tests/iac/lib/asl.ts evaluates its JSONata) against fake tables and the real
 *   payment function, an order succeeds, a failed payment releases the stock, a failed shipment
 *   refunds and releases, and only transient errors are retried.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { compensationProblems, simulate, StatesError, type TaskHandler } from './lib/asl';
import { synthApp, type SynthResult } from './lib/cdk';
import { parseTemplate } from './lib/cloudformation';
import { canonical, factsOf } from './lib/model/facts';
import { stateMachineDefinition } from './lib/model/facts-workflow';
import { patternModels } from './lib/model/pattern';
import { fixturesRoot, patternFolder, patternsRoot } from './lib/patterns';
import { resourcesOfType, type Json, type Model } from '../../src/lib/iac/model';
import { readCloudFormation } from '../../src/lib/iac/read-cloudformation';
import { pricingRegion, sizingOf } from '../../src/lib/iac/sizing';
import { parseDefinition, type AslDefinition } from '../../src/lib/iac/state-machine';

/** asl-validator ships no type declarations: its default export, typed as its README documents it. */
const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };

const pattern = patternFolder(join(patternsRoot, 'order-saga-workflow'));
const definitionFile = join(pattern.dir, 'statemachine', 'order.asl.json');
const definitionText = readFileSync(definitionFile, 'utf8');
const definition = (): AslDefinition => parseDefinition(definitionText);
const fixture = (name: string) => JSON.parse(readFileSync(join(fixturesRoot, 'order-saga-workflow', name), 'utf8')) as AslDefinition;
const templateFile = join(pattern.cloudformationDir, 'template.yaml');

/** What each step that changes something is undone by. Ship is the last such step: nothing after it can fail. */
const compensations = { ReserveStock: 'ReleaseStock', ChargePayment: 'RefundPayment' };

/** The definition's placeholders, filled in as a deployment would. */
const deployed = {
	InventoryTableName: 'inventory',
	ShipmentsTableName: 'shipments',
	PaymentFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:payment',
};
const fill = (text: string) => text.replace(/\$\{(\w+)\}/g, (whole, name: string) => deployed[name as keyof typeof deployed] ?? whole);
const placeholders = [...new Set([...definitionText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** Differences between the template's inline DefinitionString and the file, by line. */
function definitionDrift(inline: unknown, file: string): string[] {
	if (typeof inline !== 'string') return ['the template has no inline DefinitionString'];
	if (inline === file) return [];
	const [a, b] = [inline.split('\n'), file.split('\n')];
	let line = 0;
	while (a[line] === b[line]) line++;
	return [`OrderStateMachine DefinitionString differs from statemachine/order.asl.json, first at line ${line + 1} of the file`];
}

describe('order-saga-workflow state machine definition', () => {
	test('passes asl-validator as written, with its ${...} placeholders, and with them filled in', () => {
		for (const candidate of [definition(), JSON.parse(fill(definitionText))]) {
			const result = aslValidator(candidate);
			expect(result.errorsText('\n')).toBe('');
			expect(result.isValid).toBe(true);
		}
		expect(placeholders).toEqual(Object.keys(deployed).sort());
	});

	test('asl-validator rejects the fixtures with a Catch to a missing state and with an expression that does not parse', () => {
		const missing = aslValidator(fixture('missing-state.asl.json'));
		expect(missing.isValid).toBe(false);
		expect(missing.errorsText('\n')).toContain("Missing 'StartAt'|'Next'|'Default' target: UndoReservation");
		const broken = aslValidator(fixture('broken-expression.asl.json'));
		expect(broken.isValid).toBe(false);
		expect(broken.errorsText('\n')).toContain('SCHEMA_VALIDATION_FAILED: /States/ReserveStock/Arguments/Key/productId/S is invalid');
	});

	test('undoes every finished step on every failure path, latest first, and nothing that never happened', () => {
		expect(compensationProblems(definition(), compensations)).toEqual([]);
	});

	test('the compensation walk fails the fixture whose shipping failure never refunds', () => {
		const problems = compensationProblems(fixture('missing-compensation.asl.json'), compensations);
		expect(problems).toContain('Ship fails: Ship → ReleaseStock → CheckUndone → OrderFailed never runs RefundPayment');
		expect(problems).toContain('Ship fails: Ship → ReleaseStock → CheckUndone → CompensationFailed never runs RefundPayment');
		expect(problems.every((p) => p.startsWith('Ship fails: ') && p.endsWith('never runs RefundPayment'))).toBe(true);
	});

	test('the compensation walk fails an uncaught error, a refund of a charge that failed, and a missing undo', () => {
		const uncaught = definition();
		uncaught.States['ChargePayment']!.Catch = [];
		expect(compensationProblems(uncaught, compensations)).toEqual(['ChargePayment: an error its Catch rules do not match ends the execution without undoing ReserveStock']);

		const refundsTooMuch = definition();
		refundsTooMuch.States['ChargePayment']!.Catch![0]!.Next = 'RefundPayment';
		expect(compensationProblems(refundsTooMuch, compensations)).toContain(
			'ChargePayment fails: ChargePayment → RefundPayment → ReleaseStock → CheckUndone → OrderFailed runs RefundPayment, but ChargePayment never happened'
		);

		expect(compensationProblems(definition(), { ReserveStock: 'ReleaseStock' })).toContain('ChargePayment changes something, and later steps can fail, but nothing undoes it');
		expect(compensationProblems(definition(), { ReserveStock: 'RefundPayment', ChargePayment: 'ReleaseStock' })).toContain(
			'RefundPayment does not call the same resource as ReserveStock, which it undoes'
		);
	});

	test('CloudFormation inlines exactly the definition file, and a changed copy is reported', () => {
		const doc = parseTemplate(readFileSync(templateFile, 'utf8'));
		const props = doc.Resources!['OrderStateMachine']!.Properties!;
		expect(definitionDrift(props['DefinitionString'], definitionText)).toEqual([]);
		const drifted = String(props['DefinitionString']).replace('"MaxAttempts": 6', '"MaxAttempts": 60');
		expect(definitionDrift(drifted, definitionText)).toEqual([
			`OrderStateMachine DefinitionString differs from statemachine/order.asl.json, first at line ${definitionText.split('\n').findIndex((l) => l.includes('"MaxAttempts": 6')) + 1} of the file`,
		]);
	});

	test('counts five states on the way to success, the transitions the cost estimate prices', () => {
		const doc = parseTemplate(readFileSync(templateFile, 'utf8'));
		const [machine] = sizingOf(readCloudFormation(doc, 'cloudformation', pricingRegion)).stateMachines;
		expect(machine).toEqual({ id: 'OrderStateMachine', type: 'STANDARD', successPath: ['ValidateOrder', 'ReserveStock', 'ChargePayment', 'Ship', 'OrderSucceeded'] });
	});
});

/** The role statements a definition needs: one per Task call, plus log delivery and X-Ray when they are on. */
function requiredPermissions(model: Model): string[] {
	const [machine] = resourcesOfType(model, 'AWS::StepFunctions::StateMachine');
	if (!machine) return ['no state machine'];
	const read = stateMachineDefinition(machine);
	if ('problem' in read) return [read.problem];
	const actions: Record<string, { action: string; target: string }> = {
		'dynamodb:getItem': { action: 'dynamodb:getitem', target: 'TableName' },
		'dynamodb:putItem': { action: 'dynamodb:putitem', target: 'TableName' },
		'dynamodb:updateItem': { action: 'dynamodb:updateitem', target: 'TableName' },
		'dynamodb:deleteItem': { action: 'dynamodb:deleteitem', target: 'TableName' },
		'lambda:invoke': { action: 'lambda:invokefunction', target: 'FunctionName' },
	};
	const calls = Object.values(read.definition['States'] as Record<string, Record<string, Json>>)
		.filter((s) => s['Type'] === 'Task')
		.map((s) => {
			const call = actions[String(s['Resource']).replace('arn:aws:states:::', '')];
			if (!call) return `an unknown call ${String(s['Resource'])}`;
			return `${call.action} on ${canonical(model, (s['Arguments'] as Record<string, Json>)[call.target])}`;
		});
	const props = machine.props as Record<string, Record<string, Json>>;
	const logs = props['LoggingConfiguration']?.['Level'] && props['LoggingConfiguration']['Level'] !== 'OFF'
		? ['createlogdelivery', 'deletelogdelivery', 'describeloggroups', 'describeresourcepolicies', 'getlogdelivery', 'listlogdeliveries', 'putresourcepolicy', 'updatelogdelivery'].map((a) => `logs:${a} on *`)
		: [];
	const traces = props['TracingConfiguration']?.['Enabled'] === true ? ['getsamplingrules', 'getsamplingtargets', 'puttelemetryrecords', 'puttracesegments'].map((a) => `xray:${a} on *`) : [];
	return [...new Set([...calls, ...logs, ...traces])].sort();
}

describe('order-saga-workflow variants', () => {
	let synth: SynthResult;
	let models: Record<'cdk' | 'cloudformation' | 'terraform', Model>;
	beforeAll(async () => {
		synth = await synthApp(pattern.cdkDir);
		[models] = (await patternModels(pattern, synth)) as [typeof models];
	});
	afterAll(() => {
		if (synth) rmSync(synth.outdir, { recursive: true, force: true });
	});

	test('each fills in every placeholder of the definition file', () => {
		for (const [variant, model] of Object.entries(models)) {
			const [machine] = resourcesOfType(model, 'AWS::StepFunctions::StateMachine');
			expect(machine, variant).toBeDefined();
			const text = String(machine!.props['DefinitionString']);
			if (variant !== 'terraform') {
				// CDK and CloudFormation deploy the file itself and let CloudFormation fill it in.
				expect(text, variant).toBe(definitionText);
				expect(Object.keys(machine!.props['DefinitionSubstitutions'] as Record<string, Json>).sort(), variant).toEqual(placeholders);
			}
			const read = stateMachineDefinition(machine!);
			expect('problem' in read ? read.problem : '', variant).toBe('');
			expect(JSON.stringify('definition' in read ? read.definition : {}), variant).not.toMatch(new RegExp(`\\$\\{(${placeholders.join('|')})\\}`));
		}
	});

	test("each gives the state machine's role exactly the calls the definition makes", () => {
		for (const [variant, model] of Object.entries(models)) {
			const granted = factsOf(model)
				.filter((f) => f.text.startsWith('the state machine role: allow '))
				.map((f) => f.text.replace('the state machine role: allow ', ''))
				.sort();
			const required = requiredPermissions(model);
			expect(required, variant).toContain('dynamodb:updateitem on <AWS::DynamoDB::Table>');
			expect(granted, variant).toEqual(required);
		}
	});
});

// ---------------------------------------------------------------------------------------------
// Executions, simulated

interface Attributes {
	[name: string]: { S?: string; N?: string };
}

/** The payment function's handler from src/index.js, run as Lambda runs a CommonJS file. */
function paymentHandler(): (event: unknown) => Promise<unknown> {
	const module = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
	const quiet = { log: () => {}, error: () => {} };
	new Function('exports', 'require', 'module', 'console', readFileSync(join(pattern.dir, 'src', 'index.js'), 'utf8'))(
		module.exports,
		(id: string) => {
			throw new Error(`index.js requires ${id}, but the payment function needs no module`);
		},
		module,
		quiet
	);
	return module.exports.handler!;
}

describe('order-saga-workflow executions, simulated offline', () => {
	const machine = parseDefinition(fill(definitionText));
	const charge = paymentHandler();
	let inventory: Map<string, number>;
	let shipments: Map<string, Attributes>;
	let payments: Array<{ action: string; orderId: string }>;
	/** Errors a task throws before it runs normally, by state name, for transient failures. */
	let failures: Map<string, StatesError[]>;

	const number = (value: { N?: string } | undefined) => {
		// DynamoDB takes numbers as strings of digits; a JSON number here would be a ValidationException.
		if (typeof value?.N !== 'string' || !/^-?\d+(\.\d+)?$/.test(value.N)) throw new StatesError('DynamoDB.AmazonDynamoDBException', `not a number value: ${JSON.stringify(value)}`);
		return Number(value.N);
	};

	const handler: TaskHandler = async (resource, args, state) => {
		const queued = failures.get(state)?.shift();
		if (queued) throw queued;
		switch (resource) {
			case 'arn:aws:states:::dynamodb:updateItem': {
				expect(args['TableName']).toBe(deployed.InventoryTableName);
				const productId = (args['Key'] as Attributes)['productId']!.S!;
				const quantity = number((args['ExpressionAttributeValues'] as Attributes)[':quantity']);
				const available = inventory.get(productId);
				if (args['UpdateExpression'] === 'SET available = available - :quantity') {
					expect(args['ConditionExpression']).toBe('available >= :quantity');
					if (available === undefined || available < quantity) throw new StatesError('DynamoDB.ConditionalCheckFailedException', 'The conditional request failed');
					inventory.set(productId, available - quantity);
				} else if (args['UpdateExpression'] === 'SET available = available + :quantity') {
					if (available === undefined) throw new StatesError('DynamoDB.AmazonDynamoDBException', 'The provided expression refers to an attribute that does not exist in the item');
					inventory.set(productId, available + quantity);
				} else throw new Error(`unexpected update ${String(args['UpdateExpression'])}`);
				return {};
			}
			case 'arn:aws:states:::dynamodb:putItem': {
				expect(args['TableName']).toBe(deployed.ShipmentsTableName);
				const item = args['Item'] as Attributes;
				number(item['quantity']);
				expect(args['ConditionExpression']).toBe('attribute_not_exists(orderId)');
				if (shipments.has(item['orderId']!.S!)) throw new StatesError('DynamoDB.ConditionalCheckFailedException', 'The conditional request failed');
				shipments.set(item['orderId']!.S!, item);
				return {};
			}
			case 'arn:aws:states:::lambda:invoke': {
				expect(args['FunctionName']).toBe(deployed.PaymentFunctionArn);
				const event = args['Payload'] as { action: string; orderId: string };
				try {
					const payload = await charge(event);
					payments.push({ action: event.action, orderId: event.orderId });
					return { ExecutedVersion: '$LATEST', StatusCode: 200, Payload: payload };
				} catch (error) {
					// A function error reaches Step Functions as its errorType.
					const { name, message } = error as Error;
					throw new StatesError(name, JSON.stringify({ errorType: name, errorMessage: message }));
				}
			}
			default:
				throw new Error(`unexpected task ${resource}`);
		}
	};

	beforeEach(() => {
		inventory = new Map([['book-1', 5]]);
		shipments = new Map();
		payments = [];
		failures = new Map();
	});

	const order = (extra: Record<string, unknown> = {}) => ({ orderId: `order-${randomUUID()}`, productId: 'book-1', quantity: 2, amount: 25, ...extra });

	test('an order succeeds: stock taken, payment charged, shipment recorded, in the states the estimate counts', async () => {
		const input = order();
		const run = await simulate(machine, input, handler);
		expect(run.status).toBe('SUCCEEDED');
		expect(run.output).toEqual({ orderId: input.orderId, paymentId: `pay-${input.orderId}`, status: 'SHIPMENT_CREATED' });
		expect(run.states).toEqual(['ValidateOrder', 'ReserveStock', 'ChargePayment', 'Ship', 'OrderSucceeded']);
		expect(inventory.get('book-1')).toBe(3);
		expect(payments).toEqual([{ action: 'charge', orderId: input.orderId }]);
		expect(shipments.get(input.orderId)).toMatchObject({ paymentId: { S: `pay-${input.orderId}` }, quantity: { N: '2' }, status: { S: 'PENDING' } });
	});

	test('a declined payment is not retried, releases the stock and fails with PaymentDeclined', async () => {
		const input = order({ failPayment: true });
		const run = await simulate(machine, input, handler);
		expect(run).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined' });
		expect(run.cause).toContain(`Order ${input.orderId} failed at ChargePayment and the steps done before it were undone`);
		expect(run.states).toEqual(['ValidateOrder', 'ReserveStock', 'ChargePayment', 'ReleaseStock', 'CheckUndone', 'OrderFailed']);
		expect(run.attempts.filter((s) => s === 'ChargePayment')).toHaveLength(1);
		expect(inventory.get('book-1')).toBe(5);
		expect(payments).toEqual([]);
		expect(shipments.size).toBe(0);
	});

	test('a shipment that fails refunds the payment, then releases the stock, and fails with AlreadyShipped', async () => {
		const input = order();
		shipments.set(input.orderId, { orderId: { S: input.orderId } });
		const run = await simulate(machine, input, handler);
		expect(run).toMatchObject({ status: 'FAILED', error: 'AlreadyShipped' });
		expect(run.cause).toBe(`Order ${input.orderId} failed at Ship and the steps done before it were undone: a shipment for order ${input.orderId} already exists`);
		expect(run.states).toEqual(['ValidateOrder', 'ReserveStock', 'ChargePayment', 'Ship', 'RefundPayment', 'ReleaseStock', 'CheckUndone', 'OrderFailed']);
		expect(payments).toEqual([
			{ action: 'charge', orderId: input.orderId },
			{ action: 'refund', orderId: input.orderId },
		]);
		expect(inventory.get('book-1')).toBe(5);
	});

	test('an order for more than the stock fails with OutOfStock before anything is charged', async () => {
		const run = await simulate(machine, order({ quantity: 6 }), handler);
		expect(run).toMatchObject({ status: 'FAILED', error: 'OutOfStock' });
		expect(run.cause).toContain('fewer than 6 of product book-1 in stock');
		expect(run.states).toEqual(['ValidateOrder', 'ReserveStock', 'OrderFailed']);
		expect(payments).toEqual([]);
		expect(inventory.get('book-1')).toBe(5);
	});

	test.each([[{ quantity: 0 }], [{ quantity: 1.5 }], [{ quantity: '2' }], [{ amount: -1 }], [{ amount: '25' }], [{ orderId: '' }], [{ orderId: 7 }], [{ productId: undefined }]])(
		'an order with %j fails with InvalidOrder and changes nothing',
		async (extra) => {
			const run = await simulate(machine, order(extra), handler);
			expect(run).toMatchObject({ status: 'FAILED', error: 'InvalidOrder', states: ['ValidateOrder', 'InvalidOrder'] });
			expect(inventory.get('book-1')).toBe(5);
		}
	);

	test('retries a Lambda service error and DynamoDB throttling, then succeeds', async () => {
		failures.set('ChargePayment', [new StatesError('Lambda.ServiceException', 'transient')]);
		failures.set('ReserveStock', [new StatesError('DynamoDB.ProvisionedThroughputExceededException', 'throttled'), new StatesError('DynamoDB.ThrottlingException', 'throttled')]);
		const run = await simulate(machine, order(), handler);
		expect(run.status).toBe('SUCCEEDED');
		expect(run.attempts).toEqual(['ReserveStock', 'ReserveStock', 'ReserveStock', 'ChargePayment', 'ChargePayment', 'Ship']);
	});

	test('does not retry a DynamoDB server error, whose write may have happened: the order fails for someone to check', async () => {
		failures.set('ReserveStock', [new StatesError('DynamoDB.InternalServerErrorException', 'internal error')]);
		const run = await simulate(machine, order(), handler);
		expect(run).toMatchObject({ status: 'FAILED', error: 'DynamoDB.InternalServerErrorException', states: ['ValidateOrder', 'ReserveStock', 'OrderFailed'] });
		expect(run.attempts).toEqual(['ReserveStock']);
	});

	test('a refund that keeps failing still releases the stock and ends in CompensationFailed, naming what to undo by hand', async () => {
		const input = order();
		shipments.set(input.orderId, { orderId: { S: input.orderId } });
		failures.set('RefundPayment', Array.from({ length: 7 }, () => new StatesError('Lambda.ServiceException', 'down')));
		const run = await simulate(machine, input, handler);
		expect(run).toMatchObject({ status: 'FAILED', error: 'CompensationFailed' });
		expect(run.cause).toBe(
			`Order ${input.orderId} failed at Ship (AlreadyShipped); undoing the steps before it failed at RefundPayment (Lambda.ServiceException). Refund the payment or release the stock by hand.`
		);
		expect(run.attempts.filter((s) => s === 'RefundPayment')).toHaveLength(7);
		expect(run.states.slice(-3)).toEqual(['ReleaseStock', 'CheckUndone', 'CompensationFailed']);
		expect(inventory.get('book-1')).toBe(5);
	});
});
