/**
 * Facts of the serverless building blocks, in the words of facts.ts: who may call an HTTP API
 * route, which tokens an API Gateway authorizer accepts, how a stage throttles and logs, how an
 * Amazon Cognito user pool signs users in and how long its app client's tokens last, and how a
 * DynamoDB table is keyed and protected. facts.ts adds them to every model, so a variant that drops
 * an authorizer, widens an audience, keeps tokens longer or keys a table differently shows as a
 * difference.
 *
 * Each reads CloudFormation's property names (read-terraform.ts maps Terraform's arguments to them)
 * and applies the service's documented default where a property is left out; where this module does
 * not know the default, the fact says "service default", so a value written in one variant and left
 * out in another still shows.
 */
import { list, type Json, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on } from './fact-values';

const texts = (value: Json | undefined) => list(value).map(String);
const sorted = (value: Json | undefined) => texts(value).sort();

/** Minutes a Cognito token lasts: the validity in its unit, or Cognito's default when it is left out. */
function tokenMinutes(value: Json | undefined, unit: Json | undefined, defaultUnit: 'hours' | 'days', defaultMinutes: number): number {
	if (value === undefined || value === null) return defaultMinutes;
	const perUnit: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
	return Number(value) * (perUnit[String(unit ?? defaultUnit)] ?? Number.NaN);
}

/** An access log format as its fields, whether the template gives JSON text or Terraform an object. */
function logFields(format: Json | undefined): string {
	let fields: Json | undefined = format;
	if (typeof format === 'string') {
		try {
			fields = JSON.parse(format) as Json;
		} catch {
			return `format ${format.replace(/\s+/g, ' ')}`;
		}
	}
	const entries = Object.entries(object(fields)).map(([key, value]) => `${key}=${String(value)}`);
	return entries.length ? `fields ${entries.sort().join(', ')}` : 'no fields';
}

function userPoolFacts(r: ModelResource, add: (kind: string, text: string) => void): void {
	const p = r.props;
	const signIn = sorted(p['UsernameAttributes']);
	const aliases = sorted(p['AliasAttributes']);
	const caseSensitive = object(p['UsernameConfiguration'])['CaseSensitive'];
	const recovery = (list(object(p['AccountRecoverySetting'])['RecoveryMechanisms']) as Props[])
		.slice()
		.sort((a, b) => Number(a['Priority']) - Number(b['Priority']))
		.map((m) => String(m['Name']));
	const keepOriginal = sorted(object(p['UserAttributeUpdateSettings'])['AttributesRequireVerificationBeforeUpdate']);
	add(
		'auth',
		[
			// New user pools get Essentials: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
			`user pool: ${p['UserPoolTier'] ?? 'ESSENTIALS'} plan`,
			on(object(p['AdminCreateUserConfig'])['AllowAdminCreateUserOnly']) ? 'only administrators create users' : 'self sign-up',
			`signs in with ${signIn.length ? signIn.join(' or ') : 'a user name'}${aliases.length ? ` or ${aliases.join(' or ')}` : ''}`,
			caseSensitive === undefined ? 'case sensitivity service default' : on(caseSensitive) ? 'case-sensitive' : 'case-insensitive',
			`verifies ${sorted(p['AutoVerifiedAttributes']).join(' and ') || 'nothing'}`,
			`changes ${keepOriginal.join(' and ') || 'nothing'} only once verified`,
			`recovers accounts by ${recovery.join(' then ') || 'service default'}`,
		].join(', '),
	);
	// Cognito's own policy when none is given: 8 characters with every kind, temporary passwords for 7 days.
	const policy = object(p['Policies'])['PasswordPolicy'];
	const given = policy !== undefined && policy !== null;
	const rules = object(policy);
	const requires = (['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols'] as const)
		.filter((key) => (given ? on(rules[key]) : true))
		.map((key) => key.replace('Require', '').toLowerCase());
	add(
		'auth',
		`user pool password policy: at least ${rules['MinimumLength'] ?? 8} characters, requires ${requires.join(', ') || 'nothing'}, temporary passwords last ${rules['TemporaryPasswordValidityDays'] ?? 7} days${rules['PasswordHistorySize'] ? `, remembers ${rules['PasswordHistorySize']}` : ''}`,
	);
	const mfas = sorted(p['EnabledMfas']);
	add(
		'auth',
		`user pool MFA ${p['MfaConfiguration'] ?? 'OFF'}${mfas.length ? ` (${mfas.join(', ')})` : ''}, threat protection ${object(p['UserPoolAddOns'])['AdvancedSecurityMode'] ?? 'OFF'}`,
	);
	add('deletion', `user pool deletion protection ${p['DeletionProtection'] ?? 'INACTIVE'}`);
}

function userPoolClientFacts(model: Model, r: ModelResource, add: (kind: string, text: string) => void): void {
	const p = r.props;
	const oauth = on(p['AllowedOAuthFlowsUserPoolClient']);
	const flows = sorted(p['ExplicitAuthFlows']);
	add(
		'auth',
		[
			`user pool client: ${on(p['GenerateSecret']) ? 'with a secret' : 'public (no secret)'}`,
			`auth flows ${flows.join(' ') || 'service default'}`,
			oauth ? `OAuth ${sorted(p['AllowedOAuthFlows']).join(' ')} with scopes ${sorted(p['AllowedOAuthScopes']).join(' ')} to ${sorted(p['CallbackURLs']).map((u) => canonical(model, u)).join(' ')}` : 'no OAuth',
			`identity providers ${sorted(p['SupportedIdentityProviders']).join(' ') || 'none'}`,
			`user existence errors ${p['PreventUserExistenceErrors'] ?? 'service default'}`,
			// Cognito turns revocation on for a new client unless told otherwise.
			`token revocation ${p['EnableTokenRevocation'] === undefined || on(p['EnableTokenRevocation']) ? 'on' : 'off'}`,
		].join(', '),
	);
	// Defaults: access and ID tokens 60 minutes in hours, refresh tokens 30 days in days.
	const units = object(p['TokenValidityUnits']);
	add(
		'auth',
		`user pool client tokens: access ${tokenMinutes(p['AccessTokenValidity'], units['AccessToken'], 'hours', 60)} min, ID ${tokenMinutes(p['IdTokenValidity'], units['IdToken'], 'hours', 60)} min, refresh ${tokenMinutes(p['RefreshTokenValidity'], units['RefreshToken'], 'days', 30 * 1440)} min`,
	);
}

function tableFacts(r: ModelResource, add: (kind: string, text: string) => void): void {
	const p = r.props;
	const types = new Map((list(p['AttributeDefinitions']) as Props[]).map((a) => [String(a['AttributeName']), String(a['AttributeType'])]));
	const keys = (list(p['KeySchema']) as Props[])
		.slice()
		.sort((a, b) => String(a['KeyType']).localeCompare(String(b['KeyType'])))
		.map((k) => `${k['AttributeName']} (${types.get(String(k['AttributeName'])) ?? '?'}, ${String(k['KeyType']).toLowerCase()})`);
	const billing = String(p['BillingMode'] ?? 'PROVISIONED');
	const throughput = object(p['ProvisionedThroughput']);
	add(
		'size',
		`DynamoDB table: key ${keys.join(' and ') || 'unknown'}, ${billing}${billing === 'PROVISIONED' ? ` ${throughput['ReadCapacityUnits'] ?? '?'} RCU and ${throughput['WriteCapacityUnits'] ?? '?'} WCU` : ''}, ${list(p['GlobalSecondaryIndexes']).length} global secondary indexes`,
	);
	const sse = object(p['SSESpecification']);
	const encryption = !on(sse['SSEEnabled']) ? 'an AWS owned key' : sse['KMSMasterKeyId'] ? 'a customer managed key' : 'the AWS managed key';
	add(
		'deletion',
		`DynamoDB table: point-in-time recovery ${on(object(p['PointInTimeRecoverySpecification'])['PointInTimeRecoveryEnabled']) ? 'on' : 'off'}, encrypted with ${encryption}, deletion protection ${on(p['DeletionProtectionEnabled']) ? 'on' : 'off'}`,
	);
	// Only a table whose items expire has this fact, so tables without a time to live read as before.
	const ttl = object(p['TimeToLiveSpecification']);
	if (on(ttl['Enabled'])) add('deletion', `DynamoDB table: items expire at the time in attribute ${ttl['AttributeName']}`);
}

/** The facts of every WebSocket API, API route, authorizer and stage, Cognito user pool and app client, and DynamoDB table in a model. */
export function serverlessFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	for (const r of model.resources.values()) {
		const p = r.props;
		const add = (kind: string, text: string) => facts.push({ kind, text, source: r.id });
		switch (r.type) {
			case 'AWS::ApiGatewayV2::Api':
				// Only a WebSocket API has this fact: its route selection expression decides which
				// messages reach which route, so clients written for one variant work with every variant.
				if (p['ProtocolType'] === 'WEBSOCKET') add('config', `WebSocket API: routes selected by ${p['RouteSelectionExpression'] ?? 'nothing'}`);
				break;
			case 'AWS::ApiGatewayV2::Route': {
				// A two-way WebSocket route sends the integration's answer back to the client.
				if (p['RouteResponseSelectionExpression'] !== undefined) add('config', `API route ${p['RouteKey']}: answers the client (route responses selected by ${p['RouteResponseSelectionExpression']})`);
				// An open route is the absence of this fact: a variant that leaves a route open where another
				// authorizes it differs by one. (A Terraform for_each of routes reads as one route with an
				// unknown key, so write routes that need an authorizer one block each.)
				const type = String(p['AuthorizationType'] ?? 'NONE').toUpperCase();
				if (type === 'NONE') break;
				// The authorizer's own fact says whose tokens it accepts.
				const scopes = sorted(p['AuthorizationScopes']);
				add('access', `API route ${p['RouteKey']}: ${type} authorization, ${scopes.length ? `scopes ${scopes.join(' ')}` : 'no scopes'}`);
				break;
			}
			case 'AWS::ApiGatewayV2::Authorizer': {
				const jwt = object(p['JwtConfiguration']);
				add(
					'access',
					[
						`API authorizer ${p['AuthorizerType']}: token from ${sorted(p['IdentitySource']).join(' ') || 'nowhere'}`,
						...(p['JwtConfiguration'] !== undefined ? [`issuer ${canonical(model, jwt['Issuer'])}`, `audience ${texts(jwt['Audience']).map((a) => canonical(model, a)).sort().join(' ')}`] : []),
						...(p['AuthorizerUri'] !== undefined ? [`function ${canonical(model, p['AuthorizerUri'])}`] : []),
					].join(', '),
				);
				break;
			}
			case 'AWS::ApiGatewayV2::Stage': {
				const settings = object(p['DefaultRouteSettings']);
				const rate = settings['ThrottlingRateLimit'];
				add(
					'access',
					`API stage ${p['StageName']}: ${rate === undefined || rate === null ? 'not throttled' : `throttled to ${rate} requests per second, bursts of ${settings['ThrottlingBurstLimit'] ?? '?'}`}`,
				);
				const logs = object(p['AccessLogSettings']);
				add('logs', `API stage ${p['StageName']} access log: ${p['AccessLogSettings'] === undefined ? 'off' : `to ${canonical(model, logs['DestinationArn'])}, ${logFields(logs['Format'])}`}`);
				break;
			}
			case 'AWS::Cognito::UserPool':
				userPoolFacts(r, add);
				break;
			case 'AWS::Cognito::UserPoolClient':
				userPoolClientFacts(model, r, add);
				break;
			case 'AWS::DynamoDB::Table':
				tableFacts(r, add);
				break;
		}
	}
	return facts;
}
