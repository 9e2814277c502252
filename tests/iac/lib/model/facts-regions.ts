/**
 * Facts of a multi-Region deployment, in the words of facts.ts: a DynamoDB global table's key,
 * capacity mode and replicas, what each Route 53 health check calls and how soon it gives up, which
 * endpoint each Route 53 failover record sends clients to and which health check decides, and how
 * an API Gateway custom domain serves an API. facts.ts adds them to every model.
 *
 * A resource's Region is part of its facts where a model holds several Regions (ModelResource.region),
 * so a PRIMARY record that points at the secondary Region's API, or a health check of the wrong
 * Region's API, shows as a difference.
 */
import { list, target, type Model, type ModelResource } from '../../../../src/lib/iac/model';
import { canonical, type Fact } from './facts';
import { type Props, object, on } from './fact-values';

const where = (r: ModelResource | undefined) => (r?.region ? ` in ${r.region}` : '');

function globalTableFacts(r: ModelResource, add: (kind: string, text: string) => void): void {
	const p = r.props;
	const types = new Map((list(p['AttributeDefinitions']) as Props[]).map((a) => [String(a['AttributeName']), String(a['AttributeType'])]));
	const keys = (list(p['KeySchema']) as Props[])
		.slice()
		.sort((a, b) => String(a['KeyType']).localeCompare(String(b['KeyType'])))
		.map((k) => `${k['AttributeName']} (${types.get(String(k['AttributeName'])) ?? '?'}, ${String(k['KeyType']).toLowerCase()})`);
	const replicas = list(p['Replicas']) as Props[];
	const regions = replicas.map((replica) => String(replica['Region'])).sort();
	add('size', `DynamoDB global table: key ${keys.join(' and ') || 'unknown'}, ${String(p['BillingMode'] ?? 'PROVISIONED')}, replicas in ${regions.join(' and ') || 'no Region'}`);
	const stream = object(p['StreamSpecification'])['StreamViewType'];
	const sse = object(p['SSESpecification']);
	const customerKey = replicas.some((replica) => object(replica['SSESpecification'])['KMSMasterKeyId'] !== undefined);
	const encryption = !on(sse['SSEEnabled']) ? 'an AWS owned key' : customerKey ? 'a customer managed key' : 'the AWS managed key';
	add('encryption', `DynamoDB global table: encrypted with ${encryption}, stream ${stream ?? 'off'}`);
	for (const replica of replicas) {
		add('deletion', `DynamoDB global table replica in ${replica['Region']}: point-in-time recovery ${on(object(replica['PointInTimeRecoverySpecification'])['PointInTimeRecoveryEnabled']) ? 'on' : 'off'}, deletion protection ${on(replica['DeletionProtectionEnabled']) ? 'on' : 'off'}`);
	}
}

/** What a health check calls, for its own fact and for the records that use it. */
function healthCheckTarget(model: Model, check: ModelResource): string {
	const c = object(check.props['HealthCheckConfig']);
	const host = canonical(model, c['FullyQualifiedDomainName'] ?? c['IPAddress'] ?? null);
	return `${String(c['Type'] ?? '?')} ${host}:${c['Port'] ?? 'default port'}${c['ResourcePath'] ?? ''}`;
}

function healthCheckFacts(model: Model, r: ModelResource, add: (kind: string, text: string) => void): void {
	const c = object(r.props['HealthCheckConfig']);
	// Route 53's defaults: every 30 seconds, 3 failures, not inverted.
	add(
		'health',
		`Route 53 health check: ${healthCheckTarget(model, r)} every ${c['RequestInterval'] ?? 30} s, unhealthy after ${c['FailureThreshold'] ?? 3} failures, SNI ${c['EnableSNI'] === undefined ? 'default' : on(c['EnableSNI']) ? 'on' : 'off'}, ${on(c['Inverted']) ? 'inverted' : 'not inverted'}${c['SearchString'] !== undefined ? `, body must contain ${c['SearchString']}` : ''}`
	);
}

function recordFacts(model: Model, r: ModelResource, add: (kind: string, text: string) => void): void {
	const p = r.props;
	// Only records that route by health: the failover name, not validation or plain records.
	if (p['Failover'] === undefined && p['HealthCheckId'] === undefined) return;
	const alias = object(p['AliasTarget']);
	const destination = p['AliasTarget'] !== undefined ? alias['DNSName'] : list(p['ResourceRecords'])[0];
	const endpoint = target(model, destination ?? null);
	const check = target(model, p['HealthCheckId'] ?? null);
	add(
		'health',
		[
			`Route 53 ${p['Failover'] ? `${String(p['Failover'])} failover` : 'health-checked'} record${where(r)}: ${String(p['Type'])}${p['TTL'] !== undefined ? ` with TTL ${p['TTL']} s` : ''}`,
			`to ${endpoint ? `the ${endpoint.type}${where(endpoint)}` : canonical(model, destination ?? null)}`,
			check ? `healthy while the health check of ${healthCheckTarget(model, check)}${where(check)} passes` : 'no health check',
		].join(', ')
	);
}

/** The facts of every global table, Route 53 health check and health-checked record, and API custom domain in a model. */
export function multiRegionFacts(model: Model): Fact[] {
	const facts: Fact[] = [];
	for (const r of model.resources.values()) {
		const p = r.props;
		const add = (kind: string, text: string) => facts.push({ kind, text, source: r.id });
		switch (r.type) {
			case 'AWS::DynamoDB::GlobalTable':
				globalTableFacts(r, add);
				break;
			case 'AWS::Route53::HealthCheck':
				healthCheckFacts(model, r, add);
				break;
			case 'AWS::Route53::RecordSet':
				recordFacts(model, r, add);
				break;
			case 'AWS::ApiGatewayV2::DomainName':
				for (const c of list(p['DomainNameConfigurations']) as Props[]) {
					add('access', `API custom domain${where(r)}: ${c['EndpointType'] ?? 'REGIONAL'} endpoint, ${c['SecurityPolicy'] ?? 'TLS_1_2'}`);
				}
				break;
			case 'AWS::ApiGatewayV2::ApiMapping':
				add('access', `API mapping${where(r)}: ${canonical(model, p['DomainName'] ?? null)} serves ${canonical(model, p['ApiId'] ?? null)}${p['ApiMappingKey'] ? ` under /${p['ApiMappingKey']}` : ''}`);
				break;
			case 'AWS::CertificateManager::Certificate':
				add('access', `ACM certificate${where(r)}: ${String(p['ValidationMethod'] ?? 'EMAIL')} validation`);
				break;
		}
	}
	return facts;
}
