// Items API served from two AWS Regions behind an API Gateway HTTP API (payload format 2.0).
// The same function runs in each Region and uses only that Region's replica of the DynamoDB
// global table. CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime already includes.
const { randomUUID } = require('node:crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const {
  DynamoDBDocumentClient,
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
} = require('@aws-sdk/lib-dynamodb');

// Lambda sets AWS_REGION, and the client calls that Region's endpoint: the local replica.
const Region = process.env.AWS_REGION;
// Created once per execution environment, so warm invocations reuse the connection.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;
// One page is enough for a sample; page with LastEvaluatedKey for real data.
const PAGE_SIZE = 25;
// Item ids are UUIDs, so no item has this key: reading it proves that the replica answers.
const HEALTH_KEY = 'health-check';

const reply = (statusCode, body) => ({
  statusCode,
  // Names the Region that answered, so a client sees a failover happen.
  headers: { 'content-type': 'application/json', 'x-served-by-region': Region },
  body: body === undefined ? '' : JSON.stringify(body),
});

const notFound = (id) => reply(404, { message: `item ${id} not found` });

function parseItem(event) {
  const text = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : event.body ?? '';
  try {
    const data = JSON.parse(text);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return data;
  } catch {
    // Falls through to the same answer as valid JSON that is not an object.
  }
  return undefined;
}

// Route 53 calls GET /health in each Region. Any answer other than 2xx or 3xx counts as a
// failure, so a replica that cannot be read answers 503.
async function health() {
  try {
    await db.send(new GetCommand({ TableName, Key: { id: HEALTH_KEY } }));
    return reply(200, { status: 'ok', region: Region });
  } catch (error) {
    console.error(error);
    return reply(503, { status: 'unavailable', region: Region });
  }
}

exports.handler = async (event) => {
  const id = event.pathParameters?.id;
  try {
    switch (event.routeKey) {
      case 'GET /health':
        return await health();
      case 'GET /items': {
        const { Items } = await db.send(new ScanCommand({ TableName, Limit: PAGE_SIZE }));
        return reply(200, { items: Items ?? [] });
      }
      case 'GET /items/{id}': {
        const { Item } = await db.send(new GetCommand({ TableName, Key: { id } }));
        return Item ? reply(200, Item) : notFound(id);
      }
      case 'POST /items': {
        const data = parseItem(event);
        if (!data) return reply(400, { message: 'the body must be a JSON object' });
        // The server owns id, createdAt and writtenIn, so a client cannot overwrite another item.
        // writtenIn shows which Region took the write once the item has replicated.
        const item = { ...data, id: randomUUID(), createdAt: new Date().toISOString(), writtenIn: Region };
        await db.send(new PutCommand({ TableName, Item: item }));
        return reply(201, item);
      }
      case 'DELETE /items/{id}': {
        const { Attributes } = await db.send(
          new DeleteCommand({ TableName, Key: { id }, ReturnValues: 'ALL_OLD' }),
        );
        return Attributes ? reply(204) : notFound(id);
      }
      default:
        return reply(404, { message: `no route for ${event.routeKey}` });
    }
  } catch (error) {
    // DynamoDB rejects items it cannot store (over 400 KB, empty keys): the caller's fault.
    if (error.name === 'ValidationException') return reply(400, { message: error.message });
    console.error(error);
    return reply(500, { message: 'internal error' });
  }
};
