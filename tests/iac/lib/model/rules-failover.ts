/**
 * Deploy-time rule of DNS failover (tests/iac/lib/model/rules.ts has the others): Route 53 moves a
 * name to the SECONDARY record only when the PRIMARY record's health check fails, so each failover
 * record must be checked by a health check of the very API it sends clients to, and each name needs
 * both a PRIMARY and a SECONDARY record. A health check of the other Region's API, or of the
 * failover name itself (which points at whichever Region is healthy), deploys without an error and
 * never fails over when it should.
 */
import { list, referencedIds, resourcesOfType, target, type Json, type Model } from '../../../../src/lib/iac/model';

export function failoverRecordsCheckTheirEndpoint(model: Model): string[] {
	const problems: string[] = [];
	const records = resourcesOfType(model, 'AWS::Route53::RecordSet').filter((r) => r.props['Failover'] !== undefined);
	for (const record of records) {
		const role = String(record.props['Failover']);
		const check = target(model, record.props['HealthCheckId']);
		if (!check) {
			if (role === 'PRIMARY') problems.push(`${record.id}: a PRIMARY record without a health check never fails over`);
			continue;
		}
		const alias = record.props['AliasTarget'] as Record<string, Json> | undefined;
		const domain = target(model, alias ? alias['DNSName'] : list(record.props['ResourceRecords'])[0]);
		// Only API Gateway custom domains are followed to the API they serve.
		if (domain?.type !== 'AWS::ApiGatewayV2::DomainName') continue;
		const apis = resourcesOfType(model, 'AWS::ApiGatewayV2::ApiMapping')
			.filter((mapping) => target(model, mapping.props['DomainName'])?.id === domain.id)
			.map((mapping) => target(model, mapping.props['ApiId'])?.id)
			.filter((id): id is string => id !== undefined);
		const config = (check.props['HealthCheckConfig'] ?? {}) as Record<string, Json>;
		const checked = referencedIds(config['FullyQualifiedDomainName'] ?? config['IPAddress'] ?? null, model.resources);
		if (!apis.some((api) => checked.includes(api))) {
			problems.push(`${record.id}: sends clients to ${domain.id}, which serves ${apis.join(', ') || 'no API'}, but its health check ${check.id} calls ${checked.join(', ') || String(config['FullyQualifiedDomainName'] ?? config['IPAddress'])}`);
		}
	}
	const roles = new Map<string, Set<string>>();
	for (const record of records) {
		const name = `${String(record.props['Name'] ?? '').replace(/\.$/, '')} ${String(record.props['Type'] ?? '')}`;
		roles.set(name, (roles.get(name) ?? new Set()).add(String(record.props['Failover'])));
	}
	for (const [name, set] of roles) {
		for (const role of ['PRIMARY', 'SECONDARY']) if (!set.has(role)) problems.push(`${name}: has no ${role} failover record, so Route 53 has nowhere to fail over ${role === 'SECONDARY' ? 'to' : 'from'}`);
	}
	return problems;
}
