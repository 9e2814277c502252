/**
 * Runs the api-with-sign-in function code (content/patterns/api-with-sign-in/src/index.js) against
 * an in-memory table, with events shaped as API Gateway sends them after its JWT authorizer has
 * accepted a token. The AWS SDK is not a dependency here (the Lambda runtime provides it), so the
 * module is loaded with a `require` that hands it a fake DynamoDB document client.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const source = join(patternsRoot, 'api-with-sign-in', 'src', 'index.js');
const TABLE_NAME = 'notes-under-test';
const ALICE = '0a1b2c3d-alice';
const BOB = '4e5f6a7b-bob';

interface Note {
	userId: string;
	noteId: string;
	text: string;
	createdAt: string;
}

interface Result {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
}

interface Event {
	routeKey: string;
	body?: string;
	isBase64Encoded?: boolean;
	headers?: Record<string, string>;
	pathParameters?: Record<string, string>;
	requestContext?: { authorizer?: { jwt?: { claims?: Record<string, string>; scopes?: string[] } } };
}

interface QueryInput {
	TableName: string;
	KeyConditionExpression: string;
	ExpressionAttributeValues: Record<string, string>;
	ScanIndexForward?: boolean;
	Limit?: number;
}

class Command<T> {
	constructor(readonly input: T) {}
}
class PutCommand extends Command<{ TableName: string; Item: Note }> {}
class QueryCommand extends Command<QueryInput> {}

function loadHandler(send: (command: Command<unknown>) => Promise<unknown>): (event: Event) => Promise<Result> {
	const modules: Record<string, unknown> = {
		'node:crypto': { randomUUID },
		'@aws-sdk/client-dynamodb': { DynamoDBClient: class {} },
		'@aws-sdk/lib-dynamodb': { DynamoDBDocumentClient: { from: () => ({ send }) }, PutCommand, QueryCommand },
	};
	const fakeRequire = (id: string) => {
		if (!(id in modules)) throw new Error(`index.js requires "${id}", which the Lambda runtime does not provide`);
		return modules[id];
	};
	const module = { exports: {} as { handler?: (event: Event) => Promise<Result> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: { TABLE_NAME } });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

/** What API Gateway passes on once the JWT authorizer has accepted a token whose sub is `sub`. */
const signedIn = (sub: string, event: Event): Event => ({
	...event,
	requestContext: { authorizer: { jwt: { claims: { sub, token_use: 'access', client_id: 'app-client' }, scopes: ['aws.cognito.signin.user.admin'] } } },
});

let table: Note[];
let commands: Array<Command<unknown>>;
let handler: (event: Event) => Promise<Result>;

beforeEach(() => {
	table = [];
	commands = [];
	handler = loadHandler(async (command) => {
		commands.push(command);
		if (command instanceof PutCommand) return void table.push(command.input.Item);
		if (command instanceof QueryCommand) {
			// The one key condition the code may use: its own user's partition.
			expect(command.input.KeyConditionExpression).toBe('userId = :userId');
			const userId = command.input.ExpressionAttributeValues[':userId'];
			const mine = table.filter((n) => n.userId === userId).sort((a, b) => a.noteId.localeCompare(b.noteId));
			if (command.input.ScanIndexForward === false) mine.reverse();
			return { Items: mine.slice(0, command.input.Limit) };
		}
		throw new Error(`unexpected command ${command.constructor.name}`);
	});
});

const json = (result: Result) => JSON.parse(result.body) as Record<string, unknown>;
const create = (sub: string, text: string) => handler(signedIn(sub, { routeKey: 'POST /notes', body: JSON.stringify({ text }) }));
const listOf = async (sub: string) => json(await handler(signedIn(sub, { routeKey: 'GET /notes' })))['notes'] as Array<Record<string, unknown>>;

describe('api-with-sign-in function', () => {
	test("stores a note under the token's sub and answers 201 without the owner's id", async () => {
		const result = await create(ALICE, 'buy milk');
		expect(result.statusCode).toBe(201);
		expect(result.headers['content-type']).toBe('application/json');
		const note = json(result);
		expect(Object.keys(note).sort()).toEqual(['createdAt', 'noteId', 'text']);
		expect(note['text']).toBe('buy milk');
		expect(Number.isNaN(Date.parse(note['createdAt'] as string))).toBe(false);
		expect(table).toEqual([{ userId: ALICE, noteId: note['noteId'], text: 'buy milk', createdAt: note['createdAt'] }]);
		expect(commands.every((c) => (c.input as { TableName: string }).TableName === TABLE_NAME)).toBe(true);
	});

	test('lists only the signed-in user\'s notes, newest first', async () => {
		await create(ALICE, 'first');
		await create(BOB, "bob's secret");
		await new Promise((resolve) => setTimeout(resolve, 2));
		await create(ALICE, 'second');
		const alice = await listOf(ALICE);
		expect(alice.map((n) => n['text'])).toEqual(['second', 'first']);
		expect(alice.every((n) => !('userId' in n))).toBe(true);
		expect((await listOf(BOB)).map((n) => n['text'])).toEqual(["bob's secret"]);
		expect(await listOf('someone-new')).toEqual([]);
	});

	test('ignores any user id the client sends in the body, a header or the path', async () => {
		const result = await handler(
			signedIn(BOB, {
				routeKey: 'POST /notes',
				body: JSON.stringify({ text: 'mine', userId: ALICE, noteId: 'chosen-by-client' }),
				headers: { 'x-user-id': ALICE },
				pathParameters: { userId: ALICE },
			})
		);
		expect(result.statusCode).toBe(201);
		expect(table).toHaveLength(1);
		expect(table[0]!.userId).toBe(BOB);
		expect(table[0]!.noteId).not.toBe('chosen-by-client');
		expect(await listOf(ALICE)).toEqual([]);
	});

	test('gives two notes of the same moment different ids, sorted by time', async () => {
		vi.useFakeTimers({ now: new Date('2026-12-07T10:00:00.000Z'), toFake: ['Date'] });
		try {
			await create(ALICE, 'a');
			await create(ALICE, 'b');
		} finally {
			vi.useRealTimers();
		}
		const [a, b] = table;
		expect(a!.noteId).not.toBe(b!.noteId);
		expect(a!.noteId.startsWith('2026-12-07T10:00:00.000Z#')).toBe(true);
		expect(b!.noteId.startsWith('2026-12-07T10:00:00.000Z#')).toBe(true);
	});

	test('reads a base64-encoded body, as API Gateway sends for binary content types', async () => {
		const body = Buffer.from(JSON.stringify({ text: 'encoded' })).toString('base64');
		const result = await handler(signedIn(ALICE, { routeKey: 'POST /notes', body, isBase64Encoded: true }));
		expect(result.statusCode).toBe(201);
		expect(json(result)['text']).toBe('encoded');
	});

	test.each([['not json'], ['{}'], ['{"text":""}'], ['{"text":"   "}'], ['{"text":42}'], ['null'], ['[1]'], [''], [JSON.stringify({ text: 'x'.repeat(10001) })]])(
		'answers 400 and stores nothing when the body is %s',
		async (body) => {
			const result = await handler(signedIn(ALICE, { routeKey: 'POST /notes', body }));
			expect(result.statusCode).toBe(400);
			expect(json(result)['message']).toEqual(expect.any(String));
			expect(table).toEqual([]);
		}
	);

	test('accepts a note of exactly the longest allowed text', async () => {
		expect((await create(ALICE, 'x'.repeat(10000))).statusCode).toBe(201);
	});

	test('returns at most one page of notes from one bounded query', async () => {
		for (let i = 0; i < 30; i++) table.push({ userId: ALICE, noteId: `2026-12-07T10:00:${String(i).padStart(2, '0')}.000Z#${i}`, text: `n${i}`, createdAt: '' });
		const notes = await listOf(ALICE);
		const query = commands.find((c): c is QueryCommand => c instanceof QueryCommand)!;
		expect(query.input.Limit).toBeGreaterThan(0);
		expect(notes).toHaveLength(Math.min(30, query.input.Limit!));
		expect(notes[0]!['text']).toBe('n29');
	});

	test.each([
		['no authorizer context', {}],
		['claims without a sub', { requestContext: { authorizer: { jwt: { claims: { token_use: 'access' } } } } }],
		['an empty sub', { requestContext: { authorizer: { jwt: { claims: { sub: '' } } } } }],
	])('refuses with 401 and touches no data when the event has %s', async (_, context) => {
		for (const routeKey of ['GET /notes', 'POST /notes']) {
			const result = await handler({ routeKey, body: '{"text":"x"}', ...context });
			expect(result.statusCode).toBe(401);
		}
		expect(commands).toEqual([]);
	});

	test('answers 404 for a route it does not serve', async () => {
		const result = await handler(signedIn(ALICE, { routeKey: 'DELETE /notes' }));
		expect(result.statusCode).toBe(404);
	});

	test('answers 500 without internal details when DynamoDB fails', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		handler = loadHandler(async () => {
			throw Object.assign(new Error('secret internal detail'), { name: 'InternalServerError' });
		});
		const result = await handler(signedIn(ALICE, { routeKey: 'GET /notes' }));
		expect(result.statusCode).toBe(500);
		expect(result.body).not.toContain('secret');
		expect(logged).toHaveBeenCalled();
		logged.mockRestore();
	});

	test('its role may make exactly the DynamoDB calls the code makes, in CloudFormation and Terraform', () => {
		const actionOf: Record<string, string> = { Put: 'PutItem', Query: 'Query' };
		const code = readFileSync(source, 'utf8');
		const called = [...new Set([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `dynamodb:${actionOf[name!] ?? name}`))].sort();
		expect(called).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);

		const template = parseTemplate(readFileSync(join(patternsRoot, 'api-with-sign-in', 'cloudformation', 'template.yaml'), 'utf8'));
		const statements = (template.Resources?.['ApiFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: { Action: string | string[] }[];
		}).Statement;
		const granted = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:')).sort();
		expect(granted).toEqual(called);

		const terraform = readFileSync(join(patternsRoot, 'api-with-sign-in', 'terraform', 'main.tf'), 'utf8');
		expect([...new Set(terraform.match(/"dynamodb:\w+"/g)?.map((a) => a.slice(1, -1)))].sort()).toEqual(called);
	});

	test('every route in the template sends requests through the JWT authorizer of this user pool and client', () => {
		const template = parseTemplate(readFileSync(join(patternsRoot, 'api-with-sign-in', 'cloudformation', 'template.yaml'), 'utf8'));
		const resources = Object.entries(template.Resources ?? {});
		const routes = resources.filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route');
		expect(routes.map(([, r]) => r.Properties?.['RouteKey']).sort()).toEqual(['GET /notes', 'POST /notes']);
		for (const [, route] of routes) {
			expect(route.Properties?.['AuthorizationType']).toBe('JWT');
			expect(route.Properties?.['AuthorizerId']).toEqual({ Ref: 'JwtAuthorizer' });
		}
		const jwt = template.Resources?.['JwtAuthorizer']?.Properties?.['JwtConfiguration'] as { Issuer: unknown; Audience: unknown };
		expect(jwt.Audience).toEqual([{ Ref: 'UserPoolClient' }]);
		expect(JSON.stringify(jwt.Issuer)).toContain('https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}');
	});
});
