/**
 * Runs the generative-ai-api function code (content/patterns/generative-ai-api/src/index.js)
 * against a fake Bedrock stream. The AWS SDK is not a dependency here (the Lambda runtime provides
 * it), so the module is loaded with a `require` that hands it a fake Bedrock runtime client; the
 * `awslambda` global the Node.js runtime provides for response streaming is faked on globalThis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { patternsRoot } from './lib/patterns';

const dir = join(patternsRoot, 'generative-ai-api');
const source = join(dir, 'src', 'index.js');
const env = { MODEL_ID: 'us.amazon.nova-2-lite-v1:0', GUARDRAIL_ID: 'gr-123', GUARDRAIL_VERSION: 'DRAFT', MAX_PROMPT_CHARS: '100', MAX_TOKENS: '512' };

interface ConverseInput {
	modelId: string;
	messages: Array<{ role: string; content: Array<{ text: string }> }>;
	inferenceConfig: { maxTokens: number };
	guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string };
}
class ConverseStreamCommand {
	constructor(readonly input: ConverseInput) {}
}

/** What the handler sent back: the prelude (status, headers), each write, and whether it ended. */
class FakeResponseStream {
	metadata: { statusCode: number; headers: Record<string, string> } | undefined = undefined;
	chunks: string[] = [];
	ended = false;
	write(chunk: string) {
		if (this.ended) throw new Error('write after end');
		this.chunks.push(chunk);
		return true;
	}
	end(chunk?: string) {
		if (chunk !== undefined) this.write(chunk);
		this.ended = true;
	}
	get body() {
		return this.chunks.join('');
	}
}

type Event = { requestContext?: { http?: { method?: string } }; body?: string; isBase64Encoded?: boolean };
type Handler = (event: Event, stream: FakeResponseStream) => Promise<void>;

/** The events ConverseStream yields, in the SDK's shape. */
async function* events(...list: Array<Record<string, unknown> | Error>) {
	for (const event of list) {
		if (event instanceof Error) throw event;
		yield event;
	}
}

const streamed = (...texts: string[]) => [
	{ messageStart: { role: 'assistant' } },
	...texts.map((text) => ({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } })),
	{ messageStop: { stopReason: 'end_turn' } },
	{ metadata: { usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 } } },
];

function loadHandler(send: (command: ConverseStreamCommand) => Promise<unknown>, variables: Record<string, string> = env): Handler {
	const modules: Record<string, unknown> = {
		'@aws-sdk/client-bedrock-runtime': { BedrockRuntimeClient: class { send = send; }, ConverseStreamCommand },
	};
	const fakeRequire = (id: string) => {
		if (!(id in modules)) throw new Error(`index.js requires "${id}", which the Lambda runtime does not provide`);
		return modules[id];
	};
	const module = { exports: {} as { handler?: Handler } };
	// CommonJS wrapper, as Node.js runs the file in Lambda; `process` only carries the environment.
	const run = new Function('exports', 'require', 'module', 'process', 'Buffer', readFileSync(source, 'utf8'));
	run(module.exports, fakeRequire, module, { env: variables }, Buffer);
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

// The global the Lambda Node.js runtime provides: streamifyResponse marks the handler as streaming
// (it is kept so the test can see the handler was wrapped) and HttpResponseStream.from writes the
// status and headers before the body.
const wrapped = new Set<unknown>();
beforeAll(() => {
	(globalThis as Record<string, unknown>)['awslambda'] = {
		streamifyResponse: (fn: Handler) => {
			wrapped.add(fn);
			return fn;
		},
		HttpResponseStream: {
			from: (stream: FakeResponseStream, metadata: FakeResponseStream['metadata']) => {
				if (stream.chunks.length) throw new Error('the prelude must come before the body');
				stream.metadata = metadata;
				return stream;
			},
		},
	};
});
afterAll(() => {
	delete (globalThis as Record<string, unknown>)['awslambda'];
});

let commands: ConverseStreamCommand[];
let handler: Handler;
let logged: MockInstance<(...args: unknown[]) => void>;
beforeEach(() => {
	commands = [];
	handler = loadHandler(async (command) => {
		commands.push(command);
		return { stream: events(...streamed('Hello', ', ', 'world.')) };
	});
	logged = vi.spyOn(console, 'log').mockImplementation(() => {});
	vi.spyOn(console, 'error').mockImplementation(() => {});
});

const post = (body: unknown, extra: Partial<Event> = {}): Event => ({
	requestContext: { http: { method: 'POST' } },
	body: typeof body === 'string' ? body : JSON.stringify(body),
	...extra,
});

async function call(event: Event) {
	const stream = new FakeResponseStream();
	await handler(event, stream);
	expect(stream.ended, 'the handler must end the stream before it returns (Node.js 24 does not wait)').toBe(true);
	return stream;
}

describe('generative-ai-api function', () => {
	test('is wrapped with awslambda.streamifyResponse, so Lambda streams its response', () => {
		expect(wrapped.has(handler)).toBe(true);
	});

	test('streams each text delta as it arrives, with 200 and a text content type', async () => {
		const stream = await call(post({ prompt: 'Say hello' }));
		expect(stream.metadata).toEqual({ statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		expect(stream.chunks).toEqual(['Hello', ', ', 'world.']);
	});

	test('sends the prompt to the configured model with the guardrail and the token limit', async () => {
		await call(post({ prompt: 'Say hello' }));
		expect(commands).toHaveLength(1);
		expect(commands[0]!.input).toEqual({
			modelId: env.MODEL_ID,
			messages: [{ role: 'user', content: [{ text: 'Say hello' }] }],
			inferenceConfig: { maxTokens: 512 },
			guardrailConfig: { guardrailIdentifier: 'gr-123', guardrailVersion: 'DRAFT' },
		});
	});

	test('lets the caller ask for fewer tokens than MAX_TOKENS', async () => {
		await call(post({ prompt: 'Say hello', maxTokens: 50 }));
		expect(commands[0]!.input.inferenceConfig).toEqual({ maxTokens: 50 });
	});

	test('calls the model without guardrailConfig when no guardrail is configured', async () => {
		handler = loadHandler(
			async (command) => {
				commands.push(command);
				return { stream: events(...streamed('ok')) };
			},
			{ ...env, GUARDRAIL_ID: '', GUARDRAIL_VERSION: '' }
		);
		await call(post({ prompt: 'Say hello' }));
		expect(commands[0]!.input).not.toHaveProperty('guardrailConfig');
	});

	test("streams the guardrail's message when the guardrail blocks the prompt, and logs why it stopped", async () => {
		handler = loadHandler(async () => ({
			stream: events(
				{ contentBlockDelta: { delta: { text: "Sorry, I can't help with that request." } } },
				{ messageStop: { stopReason: 'guardrail_intervened' } }
			),
		}));
		const stream = await call(post({ prompt: 'Which stocks should I buy?' }));
		expect(stream.metadata?.statusCode).toBe(200);
		expect(stream.body).toBe("Sorry, I can't help with that request.");
		expect(logged).toHaveBeenCalledWith(JSON.stringify({ stopReason: 'guardrail_intervened' }));
	});

	test('logs the token counts, but never the prompt or the answer', async () => {
		await call(post({ prompt: 'a secret prompt' }));
		const lines = logged.mock.calls.map((args: unknown[]) => args.join(' '));
		expect(lines).toContain(JSON.stringify({ usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 } }));
		expect(lines.join('\n')).not.toMatch(/secret|Hello/);
	});

	test('reads a base64-encoded body, as function URLs send for binary content types', async () => {
		const body = Buffer.from(JSON.stringify({ prompt: 'Say hello' })).toString('base64');
		const stream = await call(post(body, { isBase64Encoded: true }));
		expect(stream.metadata?.statusCode).toBe(200);
		expect(commands[0]!.input.messages[0]!.content[0]!.text).toBe('Say hello');
	});

	test.each([
		['not JSON', 'not json', 400],
		['a JSON array', '[1, 2]', 400],
		['null', 'null', 400],
		['an empty body', '', 400],
		['no prompt', '{}', 400],
		['a prompt that is not a string', '{"prompt": 42}', 400],
		['a blank prompt', '{"prompt": "   "}', 400],
		['a prompt over MAX_PROMPT_CHARS', JSON.stringify({ prompt: 'x'.repeat(101) }), 413],
		['maxTokens over MAX_TOKENS', '{"prompt": "hi", "maxTokens": 513}', 400],
		['maxTokens of 0', '{"prompt": "hi", "maxTokens": 0}', 400],
		['a fractional maxTokens', '{"prompt": "hi", "maxTokens": 1.5}', 400],
	])('answers %s (%j) with status %i and a JSON message, without calling Bedrock', async (_what, body, status) => {
		const stream = await call(post(body));
		expect(stream.metadata).toEqual({ statusCode: status, headers: { 'content-type': 'application/json' } });
		expect(JSON.parse(stream.body)).toEqual({ message: expect.any(String) });
		expect(commands).toEqual([]);
	});

	test('accepts a prompt of exactly MAX_PROMPT_CHARS', async () => {
		const stream = await call(post({ prompt: 'x'.repeat(100) }));
		expect(stream.metadata?.statusCode).toBe(200);
	});

	test('answers 405 to anything but POST', async () => {
		const stream = await call({ requestContext: { http: { method: 'GET' } } });
		expect(stream.metadata?.statusCode).toBe(405);
		expect(commands).toEqual([]);
	});

	test.each([
		['ThrottlingException', 429],
		['ValidationException', 400],
		['ServiceUnavailableException', 503],
		['AccessDeniedException', 502],
	])('answers a %s before the first byte with %s, without internal details', async (name, status) => {
		handler = loadHandler(async () => {
			throw Object.assign(new Error('secret internal detail'), { name });
		});
		const stream = await call(post({ prompt: 'hi' }));
		expect(stream.metadata?.statusCode).toBe(status);
		expect(stream.body).not.toContain('secret');
	});

	test('ends the answer with a note when the stream fails after the first byte', async () => {
		handler = loadHandler(async () => ({
			stream: events({ contentBlockDelta: { delta: { text: 'Part of' } } }, Object.assign(new Error('boom'), { name: 'ModelStreamErrorException' })),
		}));
		const stream = await call(post({ prompt: 'hi' }));
		expect(stream.metadata?.statusCode).toBe(200);
		expect(stream.body).toBe('Part of\n[the answer stopped early]\n');
	});

	test("its role may make exactly the Bedrock calls the code makes, in CloudFormation and Terraform", () => {
		// ConverseStream is authorised as bedrock:InvokeModelWithResponseStream; guardrailConfig adds ApplyGuardrail.
		const code = readFileSync(source, 'utf8');
		expect([...code.matchAll(/new (\w+)Command\(/g)].map(([, name]) => name)).toEqual(['ConverseStream']);
		expect(code).toContain('guardrailConfig');
		const expected = ['bedrock:ApplyGuardrail', 'bedrock:InvokeModelWithResponseStream'];

		const template = parseTemplate(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8'));
		// The guardrail statement sits in an Fn::If, whose true branch is the statement.
		const statements = (template.Resources?.['ChatFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as { Statement: unknown[] }).Statement.map(
			(s) => ((s as Record<string, unknown>)['Fn::If'] as unknown[] | undefined)?.[1] ?? s
		) as Array<{ Action: string | string[] }>;
		const granted = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('bedrock:'));
		expect([...new Set(granted)].sort()).toEqual(expected);

		const terraform = readFileSync(join(dir, 'terraform', 'main.tf'), 'utf8');
		const actions = [...terraform.matchAll(/actions\s*=\s*\[([^\]]*)\]/g)].flatMap(([, list]) => list!.match(/"bedrock:\w+"/g) ?? []);
		expect([...new Set(actions.map((a) => a.slice(1, -1)))].sort()).toEqual(expected);
	});
});
