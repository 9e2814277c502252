/**
 * Runs the scheduled-queue-worker function code (content/patterns/scheduled-queue-worker/src/index.js)
 * on SQS batches as Lambda's event source mapping delivers them. The code needs no AWS SDK, so it is
 * loaded with a `require` that provides nothing: a require of anything fails the test. The last test
 * checks that every variant's event source mapping reads the function's batchItemFailures at all:
 * without ReportBatchItemFailures, Lambda ignores them and deletes the failed messages with the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const patternDir = join(patternsRoot, 'scheduled-queue-worker');
const source = join(patternDir, 'src', 'index.js');

interface SqsRecord {
	messageId: string;
	body: string;
	attributes?: Record<string, string>;
}

interface Result {
	batchItemFailures: Array<{ itemIdentifier: string }>;
}

function loadHandler(): (event: { Records?: SqsRecord[] }) => Promise<Result> {
	const fakeRequire = (id: string) => {
		throw new Error(`index.js requires "${id}"; the worker is meant to need nothing but Node.js`);
	};
	const module = { exports: {} as { handler?: (event: { Records?: SqsRecord[] }) => Promise<Result> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: {} });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

const record = (messageId: string, body: unknown, receiveCount = 1): SqsRecord => ({
	messageId,
	body: typeof body === 'string' ? body : JSON.stringify(body),
	attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.now() - 1500) },
});

/** The JSON lines a console method was called with. */
const lines = (spy: MockInstance) => spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

let handler: (event: { Records?: SqsRecord[] }) => Promise<Result>;
let logged: MockInstance;
let errors: MockInstance;

beforeEach(() => {
	handler = loadHandler();
	logged = vi.spyOn(console, 'log').mockImplementation(() => {});
	errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('scheduled-queue-worker function', () => {
	test('runs every job of a batch and reports no failure, so Lambda deletes them all', async () => {
		const result = await handler({ Records: [record('a', { task: 'heartbeat' }), record('b', { task: 'heartbeat', extra: 1 })] });
		expect(result).toEqual({ batchItemFailures: [] });
		const done = lines(logged);
		expect(done.map((l) => [l['message'], l['task'], l['messageId']])).toEqual([
			['job done', 'heartbeat', 'a'],
			['job done', 'heartbeat', 'b'],
		]);
		// How long the message waited in the queue, from SQS's SentTimestamp.
		expect(done[0]!['waitedMs']).toBeGreaterThanOrEqual(1500);
		expect(errors).not.toHaveBeenCalled();
	});

	test('runs the exact message the schedule sends', async () => {
		const template = parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8'));
		const input = ((template.Resources?.['JobSchedule']?.Properties?.['Target'] as { Input: string }).Input);
		expect(await handler({ Records: [record('scheduled', input)] })).toEqual({ batchItemFailures: [] });
	});

	test('reports only the message it rejects, and still runs the ones after it', async () => {
		const result = await handler({
			Records: [record('first', { task: 'heartbeat' }), record('unknown', { task: 'no-such-task' }, 3), record('last', { task: 'heartbeat' })],
		});
		expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'unknown' }] });
		expect(lines(logged).map((l) => l['messageId'])).toEqual(['first', 'last']);
		expect(lines(errors)).toEqual([{ message: 'job failed', messageId: 'unknown', receiveCount: 3, error: 'unknown task "no-such-task"' }]);
	});

	test.each([
		['not JSON', 'not json', 'the body is not JSON'],
		['a JSON array', '[1, 2]', 'the body is not a JSON object'],
		['JSON null', 'null', 'the body is not a JSON object'],
		['an object without a task', '{"job":"heartbeat"}', 'unknown task null'],
		['a task that is not a string', '{"task":42}', 'unknown task 42'],
		['a task inherited from Object', '{"task":"toString"}', 'unknown task "toString"'],
	])('reports a malformed message (%s) as failed instead of throwing, and logs why', async (_, body, reason) => {
		const result = await handler({ Records: [record('good', { task: 'heartbeat' }), record('bad', body)] });
		expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
		expect(lines(errors)).toEqual([{ message: 'job failed', messageId: 'bad', receiveCount: 1, error: reason }]);
		expect(lines(logged).map((l) => l['messageId'])).toEqual(['good']);
	});

	test('reports every message of a batch that only holds failures, and accepts an empty batch', async () => {
		expect(await handler({ Records: [record('x', '{'), record('y', { task: '' })] })).toEqual({
			batchItemFailures: [{ itemIdentifier: 'x' }, { itemIdentifier: 'y' }],
		});
		expect(await handler({ Records: [] })).toEqual({ batchItemFailures: [] });
		expect(await handler({})).toEqual({ batchItemFailures: [] });
	});

	test('has its failures read by every variant: the event source mappings report batch item failures', () => {
		const template = parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8'));
		const mappings = Object.values(template.Resources ?? {}).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
		expect(mappings.map((m) => m.Properties?.['FunctionResponseTypes'])).toEqual([['ReportBatchItemFailures']]);

		const terraform = readFileSync(join(patternDir, 'terraform', 'main.tf'), 'utf8');
		expect(terraform.match(/function_response_types\s*=\s*\[\s*"ReportBatchItemFailures"\s*\]/g)).toHaveLength(1);

		const cdk = readFileSync(join(patternDir, 'cdk', 'lib', 'scheduled-queue-worker-stack.ts'), 'utf8');
		expect(cdk.match(/reportBatchItemFailures:\s*true/g)).toHaveLength(1);
	});
});
