/**
 * Runs the lambda-canary-deployment function code (content/patterns/lambda-canary-deployment/src/index.js)
 * as the Lambda runtime would, once per environment: the release's message and FAIL_REQUESTS come
 * from the function's configuration, AWS_LAMBDA_FUNCTION_VERSION from the runtime. The code calls no
 * AWS service, so the module is loaded with a `require` that refuses every module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const patternDir = join(patternsRoot, 'lambda-canary-deployment');
const source = join(patternDir, 'src', 'index.js');

interface Result {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
}

/** An HTTP API (payload format 2.0) event for GET /, shortened to what API Gateway always sends. */
const event = { version: '2.0', routeKey: 'GET /', rawPath: '/', requestContext: { http: { method: 'GET', path: '/' } } };

function loadHandler(env: Record<string, string>): (event: unknown) => Promise<Result> {
	const fakeRequire = (id: string) => {
		throw new Error(`index.js requires "${id}", but the function calls no AWS service and needs no module`);
	};
	const module = { exports: {} as { handler?: (event: unknown) => Promise<Result> } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env });
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

describe('lambda-canary-deployment handler', () => {
	test('answers 200 with the release message and the version the alias sent the request to', async () => {
		const handler = loadHandler({ MESSAGE: 'Hello from release 2', FAIL_REQUESTS: 'false', AWS_LAMBDA_FUNCTION_VERSION: '2' });
		const result = await handler(event);
		expect(result.statusCode).toBe(200);
		expect(result.headers['content-type']).toBe('application/json');
		expect(JSON.parse(result.body)).toEqual({ message: 'Hello from release 2', version: '2' });
	});

	test('reports $LATEST when it runs outside a published version, and an empty message when none is set', async () => {
		const result = await loadHandler({})(event);
		expect(JSON.parse(result.body)).toEqual({ message: '', version: '$LATEST' });
	});

	test('throws on every request when FAIL_REQUESTS is true, so that Lambda counts an error for the alarm', async () => {
		const handler = loadHandler({ MESSAGE: 'Hello from release 3', FAIL_REQUESTS: 'true', AWS_LAMBDA_FUNCTION_VERSION: '3' });
		await expect(handler(event)).rejects.toThrow('version 3 fails every request (FAIL_REQUESTS=true)');
		await expect(handler(event)).rejects.toThrow();
	});

	test('fails only for the exact value true, as the variants set it', async () => {
		for (const value of ['false', 'TRUE', '1', '']) {
			const result = await loadHandler({ MESSAGE: 'm', FAIL_REQUESTS: value, AWS_LAMBDA_FUNCTION_VERSION: '4' })(event);
			expect(result.statusCode, `FAIL_REQUESTS=${value}`).toBe(200);
		}
	});

	test('reads exactly the environment variables the CloudFormation template sets', () => {
		const template = parseTemplate(readFileSync(join(patternDir, 'cloudformation', 'template.yaml'), 'utf8'));
		const fn = template.Resources!['ApiFunction'] as unknown as { Properties: { Environment: { Variables: Record<string, unknown> } } };
		const set = Object.keys(fn.Properties.Environment.Variables).sort();
		const code = readFileSync(source, 'utf8');
		const read = [...code.matchAll(/\b([A-Z][A-Z0-9_]+) = '[^']*'/g)].map((m) => m[1]!).filter((name) => !name.startsWith('AWS_')).sort();
		expect(set).toEqual(['FAIL_REQUESTS', 'MESSAGE']);
		expect(read).toEqual(set);
	});
});
