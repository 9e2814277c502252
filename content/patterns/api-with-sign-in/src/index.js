// Notes API behind an API Gateway HTTP API (payload format 2.0) with a JWT authorizer.
// API Gateway has already checked the Amazon Cognito token before this code runs; the
// function only reads the signed-in user's id (the token's sub claim) from the event.
// CloudFormation inlines this file, so it stays small and uses only the
// AWS SDK for JavaScript v3 that the Lambda Node.js runtime already includes.
const { randomUUID } = require('node:crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, QueryCommand } = require('@aws-sdk/lib-dynamodb');

// Created once per execution environment, so warm invocations reuse the connection.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;
// One page is enough for a sample; page with LastEvaluatedKey for real data.
const PAGE_SIZE = 25;
const MAX_TEXT_LENGTH = 10000;

const reply = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

// What a client sees of a note: never the owner's id, which is the key of the partition.
const publicNote = ({ noteId, text, createdAt }) => ({ noteId, text, createdAt });

function parseText(event) {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : event.body ?? '';
  try {
    const { text } = JSON.parse(raw) ?? {};
    if (typeof text === 'string' && text.trim() !== '' && text.length <= MAX_TEXT_LENGTH) return text;
  } catch {
    // Falls through to the same answer as JSON without a usable text.
  }
  return undefined;
}

exports.handler = async (event) => {
  // The user is whoever the verified token says: never a header, path or body value.
  const userId = event.requestContext?.authorizer?.jwt?.claims?.sub;
  if (typeof userId !== 'string' || userId === '') {
    // Only reachable if a route loses its authorizer: refuse rather than share a partition.
    return reply(401, { message: 'sign in first' });
  }
  try {
    switch (event.routeKey) {
      case 'GET /notes': {
        // Only this user's partition, newest first: the key condition is the access control.
        const { Items } = await db.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': userId },
            ScanIndexForward: false,
            Limit: PAGE_SIZE,
          }),
        );
        return reply(200, { notes: (Items ?? []).map(publicNote) });
      }
      case 'POST /notes': {
        const text = parseText(event);
        if (text === undefined) {
          return reply(400, { message: `the body must be JSON with a text of 1 to ${MAX_TEXT_LENGTH} characters` });
        }
        const createdAt = new Date().toISOString();
        // Sorts by time within the user's partition; the UUID keeps two notes of the same
        // millisecond apart.
        const note = { userId, noteId: `${createdAt}#${randomUUID()}`, text, createdAt };
        await db.send(new PutCommand({ TableName, Item: note }));
        return reply(201, publicNote(note));
      }
      default:
        return reply(404, { message: `no route for ${event.routeKey}` });
    }
  } catch (error) {
    console.error(error);
    return reply(500, { message: 'internal error' });
  }
};
