/**
 * Runs the serverless-rest-api function code (content/patterns/serverless-rest-api/src/index.js)
 * against an in-memory table. The AWS SDK is not a dependency here (the Lambda runtime provides
 * it), so the module is loaded with a `require` that hands it a fake DynamoDB document client.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const source = join(patternsRoot, 'serverless-rest-api', 'src', 'index.js');
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

function loadHandler(send: (command: Command) => Promise<unknown>): (event: Event) => Promise<Result> {
	const modules: Record<string, unknown> = {
		'node:crypto': { randomUUID },
		'@aws-sdk/client-dynamodb': { DynamoDBClient: class {} },
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
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: { TABLE_NAME } });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

let table: Map<string, Item>;
let commands: Command[];
let handler: (event: Event) => Promise<Result>;

beforeEach(() => {
	table = new Map();
	commands = [];
	handler = loadHandler(async (command) => {
		commands.push(command);
		const { Key, Item, Limit } = command.input;
		if (command instanceof ScanCommand) return { Items: [...table.values()].slice(0, Limit) };
		if (command instanceof GetCommand) return { Item: table.get(Key!.id) };
		if (command instanceof PutCommand) return void table.set(Item!['id'] as string, Item!);
		if (command instanceof DeleteCommand) {
			const old = table.get(Key!.id);
			table.delete(Key!.id);
			return { Attributes: old };
		}
		throw new Error(`unexpected command ${command.constructor.name}`);
	});
});

const json = (result: Result) => JSON.parse(result.body) as Record<string, unknown>;

describe('serverless-rest-api function', () => {
	test('creates an item with a server-generated id and answers 201 with it', async () => {
		const result = await handler({ routeKey: 'POST /items', body: JSON.stringify({ name: 'first', id: 'mine' }) });
		expect(result.statusCode).toBe(201);
		expect(result.headers['content-type']).toBe('application/json');
		const item = json(result);
		expect(item['name']).toBe('first');
		// A client-supplied id is replaced, so a POST cannot overwrite another item.
		expect(item['id']).not.toBe('mine');
		expect(item['id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(Number.isNaN(Date.parse(item['createdAt'] as string))).toBe(false);
		expect(table.get(item['id'] as string)).toEqual(item);
		expect(commands.every((c) => c.input.TableName === TABLE_NAME)).toBe(true);
	});

	test('reads a base64-encoded body, as API Gateway sends for binary content types', async () => {
		const body = Buffer.from(JSON.stringify({ name: 'encoded' })).toString('base64');
		const result = await handler({ routeKey: 'POST /items', body, isBase64Encoded: true });
		expect(result.statusCode).toBe(201);
		expect(json(result)['name']).toBe('encoded');
	});

	test.each([['not json'], ['[1, 2]'], ['null'], ['"text"'], ['']])(
		'answers 400 with a JSON error when the body is %j',
		async (body) => {
			const result = await handler({ routeKey: 'POST /items', body });
			expect(result.statusCode).toBe(400);
			expect(json(result)['message']).toEqual(expect.any(String));
			expect(table.size).toBe(0);
		}
	);

	test('lists items with a bounded scan', async () => {
		for (let i = 0; i < 30; i++) table.set(`id-${i}`, { id: `id-${i}` });
		const result = await handler({ routeKey: 'GET /items' });
		expect(result.statusCode).toBe(200);
		const scan = commands.find((c) => c instanceof ScanCommand)!;
		expect(scan.input.Limit).toBeGreaterThan(0);
		expect((json(result)['items'] as Item[]).length).toBe(Math.min(30, scan.input.Limit!));
	});

	test('reads one item by id, and answers 404 for an id that does not exist', async () => {
		table.set('abc', { id: 'abc', name: 'kept' });
		const found = await handler({ routeKey: 'GET /items/{id}', pathParameters: { id: 'abc' } });
		expect(found.statusCode).toBe(200);
		expect(json(found)).toEqual({ id: 'abc', name: 'kept' });

		const missing = await handler({ routeKey: 'GET /items/{id}', pathParameters: { id: 'nope' } });
		expect(missing.statusCode).toBe(404);
		expect(json(missing)['message']).toContain('nope');
	});

	test('deletes an item with 204 and an empty body, and answers 404 the second time', async () => {
		table.set('abc', { id: 'abc' });
		const deleted = await handler({ routeKey: 'DELETE /items/{id}', pathParameters: { id: 'abc' } });
		expect(deleted.statusCode).toBe(204);
		expect(deleted.body).toBe('');
		expect(table.has('abc')).toBe(false);

		const again = await handler({ routeKey: 'DELETE /items/{id}', pathParameters: { id: 'abc' } });
		expect(again.statusCode).toBe(404);
	});

	test('answers 404 for a route it does not serve', async () => {
		const result = await handler({ routeKey: 'PATCH /items/{id}', pathParameters: { id: 'abc' } });
		expect(result.statusCode).toBe(404);
	});

	test('answers 400 when DynamoDB rejects the item, passing its reason on', async () => {
		handler = loadHandler(async () => {
			throw Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
		});
		const result = await handler({ routeKey: 'POST /items', body: '{"big":true}' });
		expect(result.statusCode).toBe(400);
		expect(json(result)['message']).toContain('maximum allowed size');
	});

	test('answers 500 without internal details when DynamoDB fails otherwise', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		handler = loadHandler(async () => {
			throw Object.assign(new Error('secret internal detail'), { name: 'InternalServerError' });
		});
		const result = await handler({ routeKey: 'GET /items' });
		expect(result.statusCode).toBe(500);
		expect(result.body).not.toContain('secret');
		expect(logged).toHaveBeenCalled();
		logged.mockRestore();
	});

	test('its role may make exactly the DynamoDB calls the code makes, in CloudFormation and Terraform', () => {
		// `new GetCommand(` in the code is the GetItem action, `new ScanCommand(` is Scan.
		const actionOf: Record<string, string> = { Get: 'GetItem', Put: 'PutItem', Delete: 'DeleteItem', Scan: 'Scan' };
		const code = readFileSync(source, 'utf8');
		const called = [...new Set([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `dynamodb:${actionOf[name!] ?? name}`))].sort();
		expect(called).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan']);

		const template = parseTemplate(readFileSync(join(patternsRoot, 'serverless-rest-api', 'cloudformation', 'template.yaml'), 'utf8'));
		const statements = (template.Resources?.['ApiFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: { Action: string | string[] }[];
		}).Statement;
		const granted = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:')).sort();
		expect(granted).toEqual(called);

		const terraform = readFileSync(join(patternsRoot, 'serverless-rest-api', 'terraform', 'main.tf'), 'utf8');
		expect([...new Set(terraform.match(/"dynamodb:\w+"/g)?.map((a) => a.slice(1, -1)))].sort()).toEqual(called);
	});
});
