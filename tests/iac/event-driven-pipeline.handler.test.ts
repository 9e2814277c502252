/**
 * Runs the event-driven-pipeline function code (content/patterns/event-driven-pipeline/src/index.js)
 * against an in-memory table and queue. The AWS SDK is not a dependency here (the Lambda runtime
 * provides it), so the module is loaded with a `require` that hands it fake clients. The fake table
 * evaluates the PutItem's ConditionExpression the way DynamoDB does for the operators it uses, so
 * the tests check the expression itself, not a copy of its intent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const source = join(patternsRoot, 'event-driven-pipeline', 'src', 'index.js');
const TABLE_NAME = 'objects-under-test';
const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/111122223333/downstream-under-test';

type Item = Record<string, unknown>;

interface PutInput {
	TableName: string;
	Item: Item;
	ConditionExpression?: string;
	ExpressionAttributeNames?: Record<string, string>;
	ExpressionAttributeValues?: Record<string, unknown>;
}

class PutCommand {
	constructor(readonly input: PutInput) {}
}
class SendMessageCommand {
	constructor(readonly input: { QueueUrl: string; MessageBody: string }) {}
}

/**
 * Evaluates a DynamoDB condition expression against an item (undefined when there is none):
 * OR, AND, parentheses, attribute_not_exists(), size() and the comparators. As in DynamoDB, a
 * comparison with a missing attribute is false, and strings compare by their UTF-8 bytes (the same
 * as JavaScript's order for the ASCII a sequencer is made of).
 */
function evaluateCondition(expression: string, item: Item | undefined, input: PutInput): boolean {
	const tokens = expression.match(/\s*(<=|>=|<>|[()<>=]|[#:]?[A-Za-z_][A-Za-z0-9_]*)/g)?.map((t) => t.trim()) ?? [];
	if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) throw new Error(`cannot parse ${expression}`);
	let position = 0;
	const next = () => tokens[position++];
	const peek = () => tokens[position];
	const consume = (token: string) => {
		if (next() !== token) throw new Error(`expected ${token} in ${expression}`);
	};
	const path = (token: string | undefined): string => {
		if (!token) throw new Error(`unexpected end of ${expression}`);
		if (token.startsWith('#')) {
			const name = input.ExpressionAttributeNames?.[token];
			if (!name) throw new Error(`${token} is not in ExpressionAttributeNames`);
			return name;
		}
		return token;
	};
	const operand = (): unknown => {
		const token = next()!;
		if (token === 'size') {
			consume('(');
			// Not item?.[path(next())]: with no item, that would skip reading the name.
			const name = path(next());
			consume(')');
			const value = item?.[name];
			return typeof value === 'string' ? value.length : undefined;
		}
		if (token.startsWith(':')) {
			if (!(token in (input.ExpressionAttributeValues ?? {}))) throw new Error(`${token} is not in ExpressionAttributeValues`);
			return input.ExpressionAttributeValues![token];
		}
		const name = path(token);
		return item?.[name];
	};
	const compare = (a: unknown, operator: string, b: unknown): boolean => {
		if (a === undefined || b === undefined || typeof a !== typeof b) return false;
		const [x, y] = [a as string | number, b as string | number];
		const comparators: Record<string, boolean> = { '=': x === y, '<>': x !== y, '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y };
		if (!(operator in comparators)) throw new Error(`unknown comparator ${operator}`);
		return comparators[operator]!;
	};
	const unary = (): boolean => {
		if (peek() === '(') {
			next();
			const value = or();
			consume(')');
			return value;
		}
		if (peek() === 'attribute_not_exists' || peek() === 'attribute_exists') {
			const exists = next() === 'attribute_exists';
			consume('(');
			const name = path(next());
			consume(')');
			return (item !== undefined && name in item) === exists;
		}
		const left = operand();
		const operator = next()!;
		return compare(left, operator, operand());
	};
	const and = (): boolean => {
		let value = unary();
		while (peek() === 'AND') {
			next();
			value = unary() && value;
		}
		return value;
	};
	const or = (): boolean => {
		let value = and();
		while (peek() === 'OR') {
			next();
			value = and() || value;
		}
		return value;
	};
	const result = or();
	if (position !== tokens.length) throw new Error(`trailing tokens in ${expression}`);
	return result;
}

function loadHandler(
	sendToTable: (command: PutCommand) => Promise<unknown>,
	sendToQueue: (command: SendMessageCommand) => Promise<unknown>
): (event: unknown) => Promise<void> {
	const modules: Record<string, unknown> = {
		'@aws-sdk/client-dynamodb': { DynamoDBClient: class {} },
		'@aws-sdk/lib-dynamodb': { DynamoDBDocumentClient: { from: () => ({ send: sendToTable }) }, PutCommand },
		'@aws-sdk/client-sqs': {
			SQSClient: class {
				send = sendToQueue;
			},
			SendMessageCommand,
		},
	};
	const fakeRequire = (id: string) => {
		if (!(id in modules)) throw new Error(`index.js requires "${id}", which the Lambda runtime does not provide`);
		return modules[id];
	};
	const module = { exports: {} as { handler?: (event: unknown) => Promise<void> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: { TABLE_NAME, QUEUE_URL } });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

let table: Map<string, Item>;
let puts: PutCommand[];
let messages: Item[];
let handler: (event: unknown) => Promise<void>;

const conditionalCheckFailed = () =>
	Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

beforeEach(() => {
	table = new Map();
	puts = [];
	messages = [];
	handler = loadHandler(
		async (command) => {
			if (!(command instanceof PutCommand)) throw new Error(`unexpected command ${(command as object).constructor.name}`);
			puts.push(command);
			const { Item, ConditionExpression } = command.input;
			const key = Item['objectKey'] as string;
			if (ConditionExpression && !evaluateCondition(ConditionExpression, table.get(key), command.input)) {
				throw conditionalCheckFailed();
			}
			table.set(key, Item);
			return {};
		},
		async (command) => {
			expect(command.input.QueueUrl).toBe(QUEUE_URL);
			messages.push(JSON.parse(command.input.MessageBody) as Item);
			return {};
		}
	);
	vi.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(() => {
	vi.restoreAllMocks();
});

let eventCount = 0;
function objectCreated(key: string, sequencer: string | undefined, size = 12): Record<string, unknown> {
	eventCount++;
	return {
		version: '0',
		id: `event-${eventCount}`,
		'detail-type': 'Object Created',
		source: 'aws.s3',
		time: '2026-11-25T10:00:00Z',
		detail: {
			version: '0',
			bucket: { name: 'upload-bucket' },
			object: { key, size, etag: 'e4d7f1b4ed2e42d15898f4b27b019da4', sequencer },
			reason: 'PutObject',
		},
	};
}

describe('event-driven-pipeline function', () => {
	test('records a new key with its sequencer and queues the same record', async () => {
		const event = objectCreated('incoming/a.txt', '0055AED6DCD90281E5');
		await handler(event);
		const item = table.get('incoming/a.txt')!;
		expect(item).toMatchObject({ objectKey: 'incoming/a.txt', bucket: 'upload-bucket', size: 12, eventId: event['id'] });
		// Stored without leading zeros, so the condition can compare lengths first.
		expect(item['sequencer']).toBe('55AED6DCD90281E5');
		expect(messages).toEqual([item]);
		expect(puts[0]!.input.TableName).toBe(TABLE_NAME);
		expect(puts[0]!.input.ConditionExpression).toBeTruthy();
	});

	test('a newer upload of the same key replaces the item and queues a message', async () => {
		await handler(objectCreated('k', '0055AED6DCD90281E5', 1));
		await handler(objectCreated('k', '0055AED6DCD90281E6', 2));
		expect(table.get('k')!['size']).toBe(2);
		expect(messages.map((m) => m['size'])).toEqual([1, 2]);
	});

	test('an older upload whose event arrives late is ignored without error and without a message', async () => {
		await handler(objectCreated('k', '0055AED6DCD90281E6', 2));
		await expect(handler(objectCreated('k', '0055AED6DCD90281E5', 1))).resolves.toBeUndefined();
		expect(table.get('k')!['size']).toBe(2);
		expect(messages.map((m) => m['size'])).toEqual([2]);
	});

	test('a retried event is fine: same item, and its message is sent again for consumers to drop', async () => {
		const event = objectCreated('k', '0055AED6DCD90281E5');
		await handler(event);
		const first = table.get('k');
		await expect(handler(event)).resolves.toBeUndefined();
		expect(table.get('k')).toEqual(first);
		expect(messages).toHaveLength(2);
		expect(messages[0]!['eventId']).toBe(messages[1]!['eventId']);
	});

	test('a retry after the message failed to send sends it', async () => {
		const event = objectCreated('k', '0055AED6DCD90281E5');
		const failing = loadHandler(
			async (command) => {
				table.set(command.input.Item['objectKey'] as string, command.input.Item);
				return {};
			},
			async () => {
				throw Object.assign(new Error('service unavailable'), { name: 'ServiceUnavailable' });
			}
		);
		await expect(failing(event)).rejects.toThrow('service unavailable');
		await handler(event);
		expect(messages).toHaveLength(1);
	});

	test('compares sequencers of different lengths as AWS does: shorter left-padded with zeros', async () => {
		await handler(objectCreated('k', '0100', 1)); // 256
		await handler(objectCreated('k', 'FF', 2)); // 255: older, although "FF" > "0100" as plain strings
		expect(table.get('k')!['size']).toBe(1);
		await handler(objectCreated('k', '00000101', 3)); // 257: newer, although it has more leading zeros
		expect(table.get('k')!['size']).toBe(3);
		await handler(objectCreated('k', '1aa', 4)); // 426, lower case: newer
		expect(table.get('k')!['size']).toBe(4);
		expect(messages.map((m) => m['size'])).toEqual([1, 3, 4]);
	});

	test('agrees with a numeric comparison for any two sequencers of one key', async () => {
		const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(Math.random() * 16)]).join('');
		for (let i = 0; i < 300; i++) {
			table.clear();
			const [older, newer] = [hex(1 + Math.floor(Math.random() * 20)), hex(1 + Math.floor(Math.random() * 20))];
			await handler(objectCreated('k', older, 1));
			await handler(objectCreated('k', newer, 2));
			const expected = BigInt(`0x${newer}`) >= BigInt(`0x${older}`) ? 2 : 1;
			expect(table.get('k')!['size'], `${older} then ${newer}`).toBe(expected);
		}
	});

	test('an event without a sequencer is recorded only for a key with no item', async () => {
		await handler(objectCreated('new', undefined, 1));
		expect(table.get('new')!['size']).toBe(1);
		await handler(objectCreated('k', '01', 2));
		await handler(objectCreated('k', undefined, 3));
		expect(table.get('k')!['size']).toBe(2);
	});

	test('other DynamoDB errors fail the invocation, so Lambda retries it, and queue nothing', async () => {
		handler = loadHandler(
			async () => {
				throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
			},
			async () => {
				throw new Error('must not send');
			}
		);
		await expect(handler(objectCreated('k', '01'))).rejects.toThrow('Throughput');
	});

	test('ignores an event that is not an S3 Object Created event', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		await handler({ id: 'other', detail: {} });
		expect(puts).toHaveLength(0);
		expect(messages).toHaveLength(0);
		expect(logged).toHaveBeenCalled();
	});

	test('its role may make exactly the calls the code makes, in CloudFormation and Terraform', () => {
		// PutCommand is the only table call (its condition needs no read permission); SendMessage
		// is the only queue call, to the downstream queue and, by Lambda, to the failed-events queue.
		const code = readFileSync(source, 'utf8');
		expect([...new Set([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => name))].sort()).toEqual(['Put', 'SendMessage']);
		const expected = ['dynamodb:PutItem', 'sqs:SendMessage'];

		const template = parseTemplate(readFileSync(join(patternsRoot, 'event-driven-pipeline', 'cloudformation', 'template.yaml'), 'utf8'));
		const statements = (template.Resources?.['ProcessorFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: { Action: string | string[] }[];
		}).Statement;
		const granted = statements.flatMap((s) => [s.Action].flat()).filter((a) => /^(dynamodb|sqs):/.test(a));
		expect([...new Set(granted)].sort()).toEqual(expected);

		const terraform = readFileSync(join(patternsRoot, 'event-driven-pipeline', 'terraform', 'main.tf'), 'utf8');
		const policy = terraform.slice(terraform.indexOf('resource "aws_iam_role_policy" "processor_function_role_default_policy"'));
		const policyBlock = policy.slice(0, policy.indexOf('\n}\n'));
		expect([...new Set(policyBlock.match(/"(dynamodb|sqs):\w+"/g)?.map((a) => a.slice(1, -1)))].sort()).toEqual(expected);
	});
});
