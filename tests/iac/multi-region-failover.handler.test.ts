/**
 * Runs the multi-region-failover function code (content/patterns/multi-region-failover/src/index.js)
 * against in-memory replicas. The AWS SDK is not a dependency here (the Lambda runtime provides it),
 * so the module is loaded with a `require` that hands it a fake DynamoDB document client, once per
 * Region, as Lambda runs it in each.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const dir = join(patternsRoot, 'multi-region-failover');
const source = join(dir, 'src', 'index.js');
const TABLE_NAME = 'items-under-test';

type Item = Record<string, unknown>;

interface Result {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
}

interface Event {
	routeKey: string;
	pathParameters?: Record<string, string>;
	body?: string;
	isBase64Encoded?: boolean;
}

class Command {
	constructor(readonly input: { TableName: string; Key?: { id: string }; Item?: Item; Limit?: number }) {}
}
class ScanCommand extends Command {}
class GetCommand extends Command {}
class PutCommand extends Command {}
class DeleteCommand extends Command {}

/** The options each DynamoDBClient was created with. */
let clientOptions: unknown[];

function loadHandler(region: string, send: (command: Command) => Promise<unknown>): (event: Event) => Promise<Result> {
	const modules: Record<string, unknown> = {
		'node:crypto': { randomUUID },
		'@aws-sdk/client-dynamodb': {
			DynamoDBClient: class {
				constructor(options: unknown) {
					clientOptions.push(options);
				}
			},
		},
		'@aws-sdk/lib-dynamodb': {
			DynamoDBDocumentClient: { from: () => ({ send }) },
			ScanCommand,
			GetCommand,
			PutCommand,
			DeleteCommand,
		},
	};
	const fakeRequire = (id: string) => {
		if (!(id in modules)) throw new Error(`index.js requires "${id}", which the Lambda runtime does not provide`);
		return modules[id];
	};
	const module = { exports: {} as { handler?: (event: Event) => Promise<Result> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment,
	// where Lambda sets AWS_REGION to the function's Region.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: { TABLE_NAME, AWS_REGION: region } });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

/** A replica: the items one Region's function reads and writes. */
function replica(items: Map<string, Item>, log: Command[]) {
	return async (command: Command) => {
		log.push(command);
		const { Key, Item, Limit } = command.input;
		if (command instanceof ScanCommand) return { Items: [...items.values()].slice(0, Limit) };
		if (command instanceof GetCommand) return { Item: items.get(Key!.id) };
		if (command instanceof PutCommand) return void items.set(Item!['id'] as string, Item!);
		if (command instanceof DeleteCommand) {
			const old = items.get(Key!.id);
			items.delete(Key!.id);
			return { Attributes: old };
		}
		throw new Error(`unexpected command ${command.constructor.name}`);
	};
}

let table: Map<string, Item>;
let commands: Command[];
let handler: (event: Event) => Promise<Result>;

beforeEach(() => {
	clientOptions = [];
	table = new Map();
	commands = [];
	handler = loadHandler('us-east-1', replica(table, commands));
});

const json = (result: Result) => JSON.parse(result.body) as Record<string, unknown>;

describe('multi-region-failover function', () => {
	test('answers GET /health with 200 and its Region after reading its replica', async () => {
		const result = await handler({ routeKey: 'GET /health' });
		expect(result.statusCode).toBe(200);
		expect(json(result)).toEqual({ status: 'ok', region: 'us-east-1' });
		expect(result.headers['x-served-by-region']).toBe('us-east-1');
		// One read of a key no item has: the replica answered.
		expect(commands).toHaveLength(1);
		expect(commands[0]).toBeInstanceOf(GetCommand);
		expect(commands[0]!.input).toEqual({ TableName: TABLE_NAME, Key: { id: 'health-check' } });
	});

	test('answers GET /health with 503, which Route 53 counts as a failure, when the replica cannot be read', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		handler = loadHandler('us-west-2', async () => {
			throw Object.assign(new Error('secret internal detail'), { name: 'InternalServerError' });
		});
		const result = await handler({ routeKey: 'GET /health' });
		expect(result.statusCode).toBe(503);
		expect(json(result)).toEqual({ status: 'unavailable', region: 'us-west-2' });
		expect(result.body).not.toContain('secret');
		expect(logged).toHaveBeenCalled();
		logged.mockRestore();
	});

	test("uses the Region's own endpoint: the client is created without a Region, so the SDK takes AWS_REGION", () => {
		expect(clientOptions).toEqual([{}]);
	});

	test('creates an item with a server-generated id and the Region that took the write', async () => {
		const result = await handler({ routeKey: 'POST /items', body: JSON.stringify({ name: 'first', id: 'mine', writtenIn: 'elsewhere' }) });
		expect(result.statusCode).toBe(201);
		const item = json(result);
		expect(item['name']).toBe('first');
		expect(item['id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(item['writtenIn']).toBe('us-east-1');
		expect(Number.isNaN(Date.parse(item['createdAt'] as string))).toBe(false);
		expect(table.get(item['id'] as string)).toEqual(item);
		expect(commands.every((c) => c.input.TableName === TABLE_NAME)).toBe(true);
	});

	test('reads in the secondary Region an item written in the primary, once it has replicated', async () => {
		const created = json(await handler({ routeKey: 'POST /items', body: '{"name":"replicated"}' }));
		// Replication copies the item to the other replica; the global table does it in the background.
		const secondaryReplica = new Map(table);
		const secondary = loadHandler('us-west-2', replica(secondaryReplica, []));
		const read = await secondary({ routeKey: 'GET /items/{id}', pathParameters: { id: created['id'] as string } });
		expect(read.statusCode).toBe(200);
		expect(read.headers['x-served-by-region']).toBe('us-west-2');
		expect(json(read)['writtenIn']).toBe('us-east-1');
	});

	test.each([['not json'], ['[1, 2]'], ['null'], ['']])('answers 400 with a JSON error when the body is %j', async (body) => {
		const result = await handler({ routeKey: 'POST /items', body });
		expect(result.statusCode).toBe(400);
		expect(json(result)['message']).toEqual(expect.any(String));
		expect(table.size).toBe(0);
	});

	test('lists items with a bounded scan, reads one, deletes it and answers 404 after', async () => {
		for (let i = 0; i < 30; i++) table.set(`id-${i}`, { id: `id-${i}` });
		const listed = await handler({ routeKey: 'GET /items' });
		const scan = commands.find((c) => c instanceof ScanCommand)!;
		expect((json(listed)['items'] as Item[]).length).toBe(Math.min(30, scan.input.Limit!));
		expect((await handler({ routeKey: 'GET /items/{id}', pathParameters: { id: 'id-1' } })).statusCode).toBe(200);
		const deleted = await handler({ routeKey: 'DELETE /items/{id}', pathParameters: { id: 'id-1' } });
		expect(deleted.statusCode).toBe(204);
		expect(deleted.body).toBe('');
		expect((await handler({ routeKey: 'GET /items/{id}', pathParameters: { id: 'id-1' } })).statusCode).toBe(404);
		expect((await handler({ routeKey: 'DELETE /items/{id}', pathParameters: { id: 'id-1' } })).statusCode).toBe(404);
	});

	test('answers 404 for a route it does not serve, and 400 when DynamoDB rejects an item', async () => {
		expect((await handler({ routeKey: 'PATCH /items/{id}', pathParameters: { id: 'abc' } })).statusCode).toBe(404);
		handler = loadHandler('us-east-1', async () => {
			throw Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
		});
		const result = await handler({ routeKey: 'POST /items', body: '{"big":true}' });
		expect(result.statusCode).toBe(400);
		expect(json(result)['message']).toContain('maximum allowed size');
	});

	test("its role may make exactly the DynamoDB calls the code makes, on its own Region's replica, in CloudFormation and Terraform", () => {
		// `new GetCommand(` in the code is the GetItem action, `new ScanCommand(` is Scan.
		const actionOf: Record<string, string> = { Get: 'GetItem', Put: 'PutItem', Delete: 'DeleteItem', Scan: 'Scan' };
		const code = readFileSync(source, 'utf8');
		const called = [...new Set([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `dynamodb:${actionOf[name!] ?? name}`))].sort();
		expect(called).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan']);

		const template = parseTemplate(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8'));
		const statements = (template.Resources?.['ApiFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: { Action: string | string[]; Resource: unknown }[];
		}).Statement;
		const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
		expect(dynamo.flatMap((s) => [s.Action].flat()).sort()).toEqual(called);
		expect(dynamo.map((s) => s.Resource)).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}' }]);

		const terraform = readFileSync(join(dir, 'terraform', 'modules', 'region', 'main.tf'), 'utf8');
		expect([...new Set(terraform.match(/"dynamodb:\w+"/g)?.map((a) => a.slice(1, -1)))].sort()).toEqual(called);
		expect(terraform).toContain(':dynamodb:${local.region}:');
	});
});
