// Real-time messages over an API Gateway WebSocket API. One function serves the four routes:
// $connect stores the connection, $disconnect removes it, sendmessage sends a message to every
// stored connection, and $default answers anything else with a short usage error.
// CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime already includes.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, DeleteCommand, PutCommand, ScanCommand } = require('@aws-sdk/lib-dynamodb');
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');

// Created once per execution environment, so warm invocations reuse the connection.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

// API Gateway closes every connection after 2 hours, so a stored connection older than that is
// stale even if its $disconnect never arrived (API Gateway delivers it on a best-effort basis).
// DynamoDB's time to live deletes such items; until it does, the scan below skips them.
const CONNECTION_LIFETIME_SECONDS = 2 * 60 * 60;
// Checked before parsing: a frame bigger than any valid message is rejected unread. API Gateway
// itself accepts up to 128 KB and bills each 32 KB of a message as one message.
const MAX_PAYLOAD_BYTES = 8 * 1024;
const MAX_MESSAGE_LENGTH = 1000;
const USAGE = 'send {"action":"sendmessage","message":"your text"}';

const reply = (statusCode, body) => ({ statusCode, body: JSON.stringify(body) });

// One client per API endpoint, built from the request: https://{domain}/{stage}.
const managementClients = new Map();
function managementApi({ domainName, stage }) {
  const endpoint = `https://${domainName}/${stage}`;
  if (!managementClients.has(endpoint)) managementClients.set(endpoint, new ApiGatewayManagementApiClient({ endpoint }));
  return managementClients.get(endpoint);
}

function parseBody(event) {
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) return { error: reply(413, { message: `messages are limited to ${MAX_PAYLOAD_BYTES} bytes` }) };
  try {
    const data = JSON.parse(text);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { data };
  } catch {
    // Falls through to the same answer as valid JSON that is not an object.
  }
  return { error: reply(400, { message: `not a JSON object: ${USAGE}` }) };
}

// Every stored connection that has not expired, page by page.
async function connectionIds() {
  const ids = [];
  let ExclusiveStartKey;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName,
        ProjectionExpression: 'connectionId',
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) ids.push(item.connectionId);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}

async function sendMessage(event) {
  const { data, error } = parseBody(event);
  if (error) return error;
  const { message } = data;
  if (typeof message !== 'string' || message.trim() === '') return reply(400, { message: `no message: ${USAGE}` });
  if (message.length > MAX_MESSAGE_LENGTH) return reply(400, { message: `messages are limited to ${MAX_MESSAGE_LENGTH} characters` });

  const api = managementApi(event.requestContext);
  const Data = JSON.stringify({ message, sentAt: new Date().toISOString() });
  const ids = await connectionIds();
  const results = await Promise.allSettled(ids.map((ConnectionId) => api.send(new PostToConnectionCommand({ ConnectionId, Data }))));

  let gone = 0;
  let failed = 0;
  await Promise.all(
    results.map(async (result, i) => {
      if (result.status === 'fulfilled') return;
      // 410 Gone: the client left without a $disconnect reaching us. Forget the connection.
      if (result.reason?.name === 'GoneException' || result.reason?.$metadata?.httpStatusCode === 410) {
        gone++;
        await db.send(new DeleteCommand({ TableName, Key: { connectionId: ids[i] } }));
      } else {
        failed++;
        console.error(JSON.stringify({ message: 'post failed', connectionId: ids[i], error: result.reason?.name }));
      }
    }),
  );
  console.log(JSON.stringify({ message: 'sent', recipients: ids.length - gone - failed, gone, failed }));
  return reply(200, { status: 'sent' });
}

exports.handler = async (event) => {
  const { routeKey, connectionId } = event.requestContext;
  switch (routeKey) {
    case '$connect': {
      const now = Math.floor(Date.now() / 1000);
      await db.send(
        new PutCommand({
          TableName,
          Item: { connectionId, connectedAt: new Date(now * 1000).toISOString(), expiresAt: now + CONNECTION_LIFETIME_SECONDS },
        }),
      );
      return { statusCode: 200 };
    }
    case '$disconnect':
      await db.send(new DeleteCommand({ TableName, Key: { connectionId } }));
      return { statusCode: 200 };
    case 'sendmessage':
      return sendMessage(event);
    default: {
      // API Gateway routes here what it cannot route: text that is not JSON, or an unknown action.
      const { data, error } = parseBody(event);
      return error ?? reply(400, { message: `unknown action ${JSON.stringify(data.action ?? null)}: ${USAGE}` });
    }
  }
};
