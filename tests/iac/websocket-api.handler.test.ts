/**
 * Runs the websocket-api function code (content/patterns/websocket-api/src/index.js) against an
 * in-memory connections table and a fake API Gateway Management API. The AWS SDK is not a
 * dependency here (the Lambda runtime provides it), so the module is loaded with a `require` that
 * hands it fake clients. The fake table pages its scans and applies the scan's filter the way
 * DynamoDB does (after reading the page), so the tests check the code's pagination and filter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const dir = join(patternsRoot, 'websocket-api');
const source = join(dir, 'src', 'index.js');
const TABLE_NAME = 'connections-under-test';
/** Items per scan page in the fake table: small, so that three connections take two pages. */
const PAGE_SIZE = 2;

type Item = Record<string, unknown>;

interface Result {
	statusCode: number;
	body?: string;
}

interface Event {
	requestContext: { routeKey: string; connectionId: string; domainName: string; stage: string };
	body?: string;
	isBase64Encoded?: boolean;
}

interface ScanInput {
	TableName: string;
	ProjectionExpression?: string;
	FilterExpression?: string;
	ExpressionAttributeValues?: Record<string, unknown>;
	ExclusiveStartKey?: Item;
}

class PutCommand {
	constructor(readonly input: { TableName: string; Item: Item }) {}
}
class DeleteCommand {
	constructor(readonly input: { TableName: string; Key: { connectionId: string } }) {}
}
class ScanCommand {
	constructor(readonly input: ScanInput) {}
}
class PostToConnectionCommand {
	constructor(readonly input: { ConnectionId: string; Data: string }) {}
}
type DbCommand = PutCommand | DeleteCommand | ScanCommand;

let table: Map<string, Item>;
let dbCommands: DbCommand[];
let posts: Array<{ endpoint: string; connectionId: string; data: Record<string, unknown> }>;
/** Connection id -> the error its PostToConnection throws. */
let failures: Map<string, Error>;
let handler: (event: Event) => Promise<Result>;

/** A scan page as DynamoDB returns it: PAGE_SIZE items read in key order, then filtered. */
function scan(input: ScanInput): { Items: Item[]; LastEvaluatedKey?: Item } {
	const keys = [...table.keys()].sort();
	const start = input.ExclusiveStartKey ? keys.indexOf(input.ExclusiveStartKey['connectionId'] as string) + 1 : 0;
	const read = keys.slice(start, start + PAGE_SIZE);
	// The only filter the code may use; anything else fails the test instead of passing unchecked.
	if (input.FilterExpression !== undefined && input.FilterExpression !== 'expiresAt > :now') throw new Error(`unexpected filter ${input.FilterExpression}`);
	const now = input.ExpressionAttributeValues?.[':now'] as number | undefined;
	const items = read.map((k) => table.get(k)!).filter((item) => input.FilterExpression === undefined || (item['expiresAt'] as number) > now!);
	const projected = input.ProjectionExpression === 'connectionId' ? items.map((item) => ({ connectionId: item['connectionId'] })) : items;
	return start + PAGE_SIZE < keys.length ? { Items: projected, LastEvaluatedKey: { connectionId: read[read.length - 1] } } : { Items: projected };
}

function loadHandler(): (event: Event) => Promise<Result> {
	const send = async (command: DbCommand) => {
		dbCommands.push(command);
		if (command instanceof PutCommand) return void table.set(command.input.Item['connectionId'] as string, command.input.Item);
		if (command instanceof DeleteCommand) return void table.delete(command.input.Key.connectionId);
		if (command instanceof ScanCommand) return scan(command.input);
		throw new Error('unexpected command');
	};
	class ApiGatewayManagementApiClient {
		readonly endpoint: string;
		constructor(config: { endpoint: string }) {
			this.endpoint = config.endpoint;
		}
		async send(command: PostToConnectionCommand) {
			const failure = failures.get(command.input.ConnectionId);
			if (failure) throw failure;
			posts.push({ endpoint: this.endpoint, connectionId: command.input.ConnectionId, data: JSON.parse(command.input.Data) as Record<string, unknown> });
			return {};
		}
	}
	const modules: Record<string, unknown> = {
		'@aws-sdk/client-dynamodb': { DynamoDBClient: class {} },
		'@aws-sdk/lib-dynamodb': { DynamoDBDocumentClient: { from: () => ({ send }) }, PutCommand, DeleteCommand, ScanCommand },
		'@aws-sdk/client-apigatewaymanagementapi': { ApiGatewayManagementApiClient, PostToConnectionCommand },
	};
	const fakeRequire = (id: string) => {
		if (!(id in modules)) throw new Error(`index.js requires "${id}", which the Lambda runtime does not provide`);
		return modules[id];
	};
	const module = { exports: {} as { handler?: (event: Event) => Promise<Result> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', 'Buffer', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: { TABLE_NAME } }, Buffer);
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

const NOW = Date.parse('2026-12-07T10:00:00Z');
const nowSeconds = NOW / 1000;

function event(routeKey: string, connectionId: string, body?: string): Event {
	return { requestContext: { routeKey, connectionId, domainName: 'abc123.execute-api.eu-west-1.amazonaws.com', stage: 'live' }, ...(body === undefined ? {} : { body }) };
}
const send = (connectionId: string, message: unknown) => handler(event('sendmessage', connectionId, JSON.stringify({ action: 'sendmessage', message })));
const answer = (result: Result) => JSON.parse(result.body!) as { message?: string; status?: string };
const gone = () => Object.assign(new Error('Gone'), { name: 'GoneException', $metadata: { httpStatusCode: 410 } });

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(NOW);
	table = new Map();
	dbCommands = [];
	posts = [];
	failures = new Map();
	handler = loadHandler();
	vi.spyOn(console, 'log').mockImplementation(() => {});
	vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('websocket-api function', () => {
	test('$connect stores the connection id with the time it connected and an expiry 2 hours later', async () => {
		const result = await handler(event('$connect', 'conn-A'));
		expect(result.statusCode).toBe(200);
		expect(table.get('conn-A')).toEqual({ connectionId: 'conn-A', connectedAt: '2026-12-07T10:00:00.000Z', expiresAt: nowSeconds + 2 * 60 * 60 });
		// A number of seconds since the epoch: the only form DynamoDB's time to live reads.
		expect(Number.isInteger(table.get('conn-A')!['expiresAt'])).toBe(true);
		expect(dbCommands.every((c) => c.input.TableName === TABLE_NAME)).toBe(true);
	});

	test('$disconnect deletes the connection and leaves the others', async () => {
		await handler(event('$connect', 'conn-A'));
		await handler(event('$connect', 'conn-B'));
		const result = await handler(event('$disconnect', 'conn-A'));
		expect(result.statusCode).toBe(200);
		expect([...table.keys()]).toEqual(['conn-B']);
	});

	test('sendmessage posts the message to every stored connection, the sender included, through every scan page', async () => {
		for (const id of ['conn-A', 'conn-B', 'conn-C']) await handler(event('$connect', id));
		const result = await send('conn-A', 'hello');
		expect(result.statusCode).toBe(200);
		expect(answer(result)).toEqual({ status: 'sent' });
		// Three connections are two scan pages in the fake table: the code must follow LastEvaluatedKey.
		expect(dbCommands.filter((c) => c instanceof ScanCommand)).toHaveLength(2);
		expect(posts.map((p) => p.connectionId).sort()).toEqual(['conn-A', 'conn-B', 'conn-C']);
		for (const post of posts) {
			expect(post.data).toEqual({ message: 'hello', sentAt: '2026-12-07T10:00:00.000Z' });
			// The endpoint is built from the request: https://{domain}/{stage}.
			expect(post.endpoint).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/live');
		}
	});

	test('sendmessage deletes the connections that answer 410 Gone and keeps those that fail otherwise', async () => {
		for (const id of ['conn-A', 'conn-B', 'conn-C']) await handler(event('$connect', id));
		failures.set('conn-B', gone());
		failures.set('conn-C', Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } }));
		const result = await send('conn-A', 'hello');
		expect(result.statusCode).toBe(200);
		expect(posts.map((p) => p.connectionId)).toEqual(['conn-A']);
		expect([...table.keys()].sort()).toEqual(['conn-A', 'conn-C']);
		expect(dbCommands.filter((c) => c instanceof DeleteCommand).map((c) => (c as DeleteCommand).input.Key)).toEqual([{ connectionId: 'conn-B' }]);
	});

	test('sendmessage skips connections past their expiry that time to live has not deleted yet', async () => {
		await handler(event('$connect', 'conn-old'));
		vi.setSystemTime(NOW + 3 * 60 * 60 * 1000);
		await handler(event('$connect', 'conn-new'));
		await send('conn-new', 'hello');
		expect(posts.map((p) => p.connectionId)).toEqual(['conn-new']);
	});

	test.each([['not json'], ['[1, 2]'], ['null'], ['"text"'], ['']])('answers 400 with the usage when a message is %j', async (body) => {
		await handler(event('$connect', 'conn-A'));
		const result = await handler(event('$default', 'conn-A', body));
		expect(result.statusCode).toBe(400);
		expect(answer(result).message).toContain('{"action":"sendmessage","message":"your text"}');
		expect(posts).toEqual([]);
	});

	test('answers 400 naming the action when JSON asks for an action there is no route for', async () => {
		const result = await handler(event('$default', 'conn-A', '{"action":"dance"}'));
		expect(result.statusCode).toBe(400);
		expect(answer(result).message).toContain('unknown action "dance"');
	});

	test.each([
		['no message', { action: 'sendmessage' }],
		['an empty message', { action: 'sendmessage', message: '  ' }],
		['a message that is not text', { action: 'sendmessage', message: { text: 'hi' } }],
	])('sendmessage answers 400 and sends nothing for %s', async (_what, body) => {
		await handler(event('$connect', 'conn-A'));
		const result = await handler(event('sendmessage', 'conn-A', JSON.stringify(body)));
		expect(result.statusCode).toBe(400);
		expect(posts).toEqual([]);
	});

	test('sendmessage accepts 1,000 characters and answers 400 to 1,001, sending nothing', async () => {
		await handler(event('$connect', 'conn-A'));
		expect((await send('conn-A', 'x'.repeat(1000))).statusCode).toBe(200);
		posts = [];
		const result = await send('conn-A', 'x'.repeat(1001));
		expect(result.statusCode).toBe(400);
		expect(answer(result).message).toContain('1000 characters');
		expect(posts).toEqual([]);
	});

	test('answers 413 to a payload over 8 KB before parsing it, on any route', async () => {
		await handler(event('$connect', 'conn-A'));
		const big = JSON.stringify({ action: 'sendmessage', message: 'x', padding: 'y'.repeat(8 * 1024) });
		for (const route of ['sendmessage', '$default']) {
			const result = await handler(event(route, 'conn-A', big));
			expect(result.statusCode).toBe(413);
			expect(answer(result).message).toContain('8192 bytes');
		}
		// Counted in bytes, not characters: 3,000 euro signs are 3,000 characters but 9,000 bytes.
		const wide = JSON.stringify({ action: 'sendmessage', message: 'x', padding: '€'.repeat(3000) });
		expect(wide.length).toBeLessThan(8 * 1024);
		expect((await handler(event('sendmessage', 'conn-A', wide))).statusCode).toBe(413);
		expect(posts).toEqual([]);
	});

	test('reads a base64-encoded message', async () => {
		await handler(event('$connect', 'conn-A'));
		const body = Buffer.from(JSON.stringify({ action: 'sendmessage', message: 'encoded' })).toString('base64');
		const result = await handler({ ...event('sendmessage', 'conn-A', body), isBase64Encoded: true });
		expect(result.statusCode).toBe(200);
		expect(posts[0]!.data['message']).toBe('encoded');
	});

	test("its role may post only to the connections of the stage the template deploys, with POST, in CloudFormation and Terraform", () => {
		const template = parseTemplate(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8'));
		const stageName = template.Resources?.['WebSocketStage']?.Properties?.['StageName'];
		const statements = (template.Resources?.['WebSocketFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: Array<{ Action: string | string[]; Resource: unknown }>;
		}).Statement;
		const post = statements.filter((s) => [s.Action].flat().includes('execute-api:ManageConnections'));
		expect(post).toHaveLength(1);
		expect(JSON.stringify(post[0]!.Resource)).toContain(`\${WebSocketApi}/${stageName}/POST/@connections/*`);

		const terraform = readFileSync(join(dir, 'terraform', 'main.tf'), 'utf8');
		expect(terraform).toContain('name        = local.stage_name');
		expect(terraform).toContain('execution_arn}/${local.stage_name}/POST/@connections/*"');
		expect(terraform).toContain(`stage_name = "${stageName}"`);
	});
});
