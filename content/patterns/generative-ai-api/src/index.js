// Streams an Amazon Bedrock answer to the caller of a Lambda function URL (InvokeMode
// RESPONSE_STREAM). CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime includes. `awslambda` is a global
// the runtime provides.
const { BedrockRuntimeClient, ConverseStreamCommand } = require('@aws-sdk/client-bedrock-runtime');

// Created once per execution environment, so warm invocations reuse the connection.
const bedrock = new BedrockRuntimeClient({});
const { MODEL_ID, GUARDRAIL_ID, GUARDRAIL_VERSION } = process.env;
const MAX_PROMPT_CHARS = Number(process.env.MAX_PROMPT_CHARS);
const MAX_TOKENS = Number(process.env.MAX_TOKENS);
// Bedrock errors the caller can act on; anything else answers 502.
const STATUS = { ValidationException: 400, ThrottlingException: 429, ServiceUnavailableException: 503 };

// The body must be {"prompt": "...", "maxTokens": n}, maxTokens optional: returns the request or an error.
function parse(event) {
  if (event.requestContext?.http?.method !== 'POST') return { status: 405, error: 'use POST' };
  let body;
  try {
    body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '');
  } catch {
    // Falls through to the same answer as valid JSON that is not an object.
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 400, error: 'the body must be a JSON object' };
  const { prompt, maxTokens = MAX_TOKENS } = body;
  if (typeof prompt !== 'string' || prompt.trim() === '') return { status: 400, error: 'prompt must be a non-empty string' };
  if (prompt.length > MAX_PROMPT_CHARS) return { status: 413, error: `prompt must be at most ${MAX_PROMPT_CHARS} characters` };
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS) {
    return { status: 400, error: `maxTokens must be an integer from 1 to ${MAX_TOKENS}` };
  }
  return { prompt, maxTokens };
}

// Status and headers go first; once a byte of the answer is written they cannot change.
const open = (stream, statusCode, type) =>
  awslambda.HttpResponseStream.from(stream, { statusCode, headers: { 'content-type': type } });

const fail = (stream, statusCode, message) => open(stream, statusCode, 'application/json').end(JSON.stringify({ message }));

exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
  const request = parse(event);
  if (request.error) return fail(responseStream, request.status, request.error);
  let out;
  try {
    const { stream } = await bedrock.send(
      new ConverseStreamCommand({
        modelId: MODEL_ID,
        messages: [{ role: 'user', content: [{ text: request.prompt }] }],
        inferenceConfig: { maxTokens: request.maxTokens },
        // Bedrock checks the prompt and the answer; a blocked one streams the guardrail's message.
        ...(GUARDRAIL_ID ? { guardrailConfig: { guardrailIdentifier: GUARDRAIL_ID, guardrailVersion: GUARDRAIL_VERSION } } : {}),
      }),
    );
    out = open(responseStream, 200, 'text/plain; charset=utf-8');
    for await (const chunk of stream) {
      if (chunk.contentBlockDelta?.delta?.text) out.write(chunk.contentBlockDelta.delta.text);
      if (chunk.messageStop) console.log(JSON.stringify({ stopReason: chunk.messageStop.stopReason }));
      // Token counts, for cost reports: Bedrock bills every input and output token.
      if (chunk.metadata?.usage) console.log(JSON.stringify({ usage: chunk.metadata.usage }));
    }
    out.end();
  } catch (error) {
    console.error(error);
    // Before the first byte the status can still say what failed; after it, only the text can.
    if (!out) return fail(responseStream, STATUS[error.name] ?? 502, 'the model could not answer');
    out.end('\n[the answer stopped early]\n');
  }
});
