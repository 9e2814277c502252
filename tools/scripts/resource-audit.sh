#!/usr/bin/env bash
# resource-audit.sh: inventory of an AWS account and the waste in it, region by region.
# Read-only: it makes only describe, list and get calls. Part of AWS Patterns; run with --help.
set -euo pipefail

usage() {
	cat <<EOF
Usage: $PROG [--region R] [--profile P] [--output table|json] [--older-than-days N]

Lists, in every enabled region (or only in --region R):
  EC2 instances                         inventory
  EBS volumes attached to nothing       waste
  EBS snapshots older than N days       waste (you own them; N defaults to 90)
  Elastic IP addresses not associated   waste
  Load balancers with no healthy target waste (none registered, or none healthy)
  S3 buckets and their regions          inventory

Read-only: the script only calls describe-*, list-* and get-* operations (plus
sts get-caller-identity). It never creates, changes or deletes anything. It needs
read permissions such as the AWS managed policy ReadOnlyAccess.

Options:
  --region R            audit only region R (default: every region enabled in the account)
  --profile P           use the AWS CLI profile P (default: AWS_PROFILE or the default profile)
  --output table|json   table for people (default), json for programs
  --older-than-days N   report snapshots older than N days (default 90)
  -h, --help            show this help

Exit codes:
  0  no waste found
  1  waste found (unattached volumes, old snapshots, idle Elastic IPs or idle load balancers)
  2  usage error (unknown option, missing or bad value)
  3  no usable credentials, or a call was denied (AccessDenied): the report is incomplete
  4  the AWS CLI (aws) is not installed
  5  another AWS error (network, throttling): the report is incomplete

Needs the AWS CLI (v2 or v1) and a POSIX shell toolset (awk, sort, tr); not jq.
Example: $PROG --region eu-west-1 --output json
EOF
}

# What record_failure asks for when a call is denied.
READ_PERMISSIONS='read access (for example the AWS managed policy ReadOnlyAccess)'

# ---- common helpers: identical in resource-audit.sh, security-check.sh and cost-estimate.sh ----
readonly EXIT_OK=0 EXIT_FINDINGS=1 EXIT_USAGE=2 EXIT_AUTH=3 EXIT_NO_CLI=4 EXIT_AWS_ERROR=5
PROG=${0##*/}
TOOL=${PROG%.sh}
REGION='' PROFILE='' OUTPUT=table
HOME_REGION='' ACCOUNT='' TMP='' AWS_OUT='' AWS_ERR=''
DENIED=0 FAILED=0
AWS=(aws)

die_usage() {
	printf '%s: %s\nRun %s --help for usage.\n' "$PROG" "$1" "$PROG" >&2
	exit "$EXIT_USAGE"
}

# need_value OPTION ARGUMENTS_LEFT VALUE: OPTION must be followed by a value.
need_value() {
	if [[ $2 -lt 2 || -z $3 || $3 == -* ]]; then die_usage "$1 needs a value"; fi
}

validate_common_options() {
	local region_re='^[a-z]{2}(-[a-z]+)+-[0-9]+$'
	case $OUTPUT in
	table | json) ;;
	*) die_usage "--output must be table or json, not '$OUTPUT'" ;;
	esac
	if [[ -n $REGION && ! $REGION =~ $region_re ]]; then
		die_usage "--region '$REGION' is not a region name such as us-east-1"
	fi
}

# start_aws: check that the AWS CLI is there and prepare the calls.
start_aws() {
	if ! command -v aws >/dev/null 2>&1; then
		printf '%s: the AWS CLI (aws) is not installed or not on PATH.\n' "$PROG" >&2
		printf '  Install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html\n' >&2
		exit "$EXIT_NO_CLI"
	fi
	if [[ -n $PROFILE ]]; then AWS+=(--profile "$PROFILE"); fi
	export AWS_PAGER='' # AWS CLI v2 would otherwise page long output through less
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/$TOOL.XXXXXX")
	trap 'rm -rf "$TMP"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	: >"$TMP/errors"
}

# aws_call SERVICE OPERATION [ARGUMENTS...]: one read-only AWS CLI call with text output.
# Sets AWS_OUT (what it printed) and AWS_ERR (its error message, on one line); returns its exit code.
aws_call() {
	local rc=0
	"${AWS[@]}" "$@" --output text </dev/null >"$TMP/out" 2>"$TMP/err" || rc=$?
	AWS_OUT=$(<"$TMP/out")
	AWS_ERR=$(tr -s '[:space:]' ' ' <"$TMP/err")
	AWS_ERR=${AWS_ERR# }
	AWS_ERR=${AWS_ERR% }
	return "$rc"
}

# output_rows: AWS_OUT's rows, without blank lines and the None the CLI prints for a missing list.
output_rows() {
	printf '%s\n' "$AWS_OUT" | awk 'NF && $1 != "None"'
}

# record_failure CHECK [REGION]: the last call failed; classify it, remember it, and say so.
record_failure() {
	local check=$1 region=${2:-global} kind hint
	case $AWS_ERR in
	*AccessDenied* | *UnauthorizedOperation* | *UnauthorizedAccess* | *AuthorizationError* | *"not authorized"* | *Forbidden*)
		kind=denied DENIED=$((DENIED + 1))
		hint="permission denied, so this part is missing: grant $READ_PERMISSIONS and run again"
		;;
	*ExpiredToken* | *InvalidClientTokenId* | *"Unable to locate credentials"* | *SignatureDoesNotMatch* | *AuthFailure* | *RequestExpired*)
		kind=credentials DENIED=$((DENIED + 1))
		hint='the credentials were refused, so this part is missing: refresh them (aws sso login, aws configure) and run again'
		;;
	*)
		kind=error FAILED=$((FAILED + 1))
		hint='this call failed, so this part is missing'
		;;
	esac
	printf '%s\t%s\t%s\t%s\n' "$check" "$region" "$kind" "$AWS_ERR" >>"$TMP/errors"
	printf '%s: %s (%s): %s\n  %s\n' "$PROG" "$check" "$region" "${AWS_ERR:-no message}" "$hint" >&2
}

# resolve_home_region: the region for account-wide calls: --region, AWS_REGION,
# AWS_DEFAULT_REGION, the profile's region, or else us-east-1.
resolve_home_region() {
	HOME_REGION=${REGION:-${AWS_REGION:-${AWS_DEFAULT_REGION:-}}}
	if [[ -z $HOME_REGION ]] && aws_call configure get region; then HOME_REGION=$AWS_OUT; fi
	HOME_REGION=${HOME_REGION:-us-east-1}
}

# check_credentials: sets ACCOUNT, or stops with exit code 3 when there are no usable credentials.
check_credentials() {
	local kind=credentials message
	if aws_call sts get-caller-identity --region "$HOME_REGION" --query Account; then
		ACCOUNT=$AWS_OUT
		return 0
	fi
	case $AWS_ERR in
	*"Could not connect"* | *"Connect timeout"* | *"Read timeout"*)
		kind=error
		message="cannot reach AWS: aws sts get-caller-identity failed: ${AWS_ERR:-no message}"
		;;
	*)
		message="no usable AWS credentials${PROFILE:+ for profile $PROFILE}: aws sts get-caller-identity failed: ${AWS_ERR:-no message}"
		;;
	esac
	printf '%s: %s\n' "$PROG" "$message" >&2
	if [[ $kind == credentials ]]; then
		printf '  Configure credentials (aws configure, aws configure sso and aws sso login, or the variables\n' >&2
		printf '  AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), choose a profile with --profile or AWS_PROFILE, and run again.\n' >&2
	fi
	if [[ $OUTPUT == json ]]; then
		printf '{"tool":%s,"error":{"kind":%s,"message":%s},"exitCode":%s}\n' "$(json_string "$TOOL")" \
			"$(json_string "$kind")" "$(json_string "$message")" "$([[ $kind == credentials ]] && echo "$EXIT_AUTH" || echo "$EXIT_AWS_ERROR")"
	fi
	if [[ $kind == credentials ]]; then exit "$EXIT_AUTH"; fi
	exit "$EXIT_AWS_ERROR"
}

# days_to_date DAYS: the date (YYYY-MM-DD) DAYS days after 1970-01-01, without GNU or BSD date options.
days_to_date() {
	local z=$(($1 + 719468)) era doe yoe y doy mp d m
	era=$(((z >= 0 ? z : z - 146096) / 146097))
	doe=$((z - era * 146097))
	yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
	y=$((yoe + era * 400))
	doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100)))
	mp=$(((5 * doy + 2) / 153))
	d=$((doy - (153 * mp + 2) / 5 + 1))
	m=$((mp < 10 ? mp + 3 : mp - 9))
	y=$((m <= 2 ? y + 1 : y))
	printf '%04d-%02d-%02d\n' "$y" "$m" "$d"
}

# exit_status FINDINGS: the code the run ends with. Denied beats other errors, which beat findings.
exit_status() {
	if ((DENIED > 0)); then
		echo "$EXIT_AUTH"
	elif ((FAILED > 0)); then
		echo "$EXIT_AWS_ERROR"
	elif (($1 > 0)); then
		echo "$EXIT_FINDINGS"
	else
		echo "$EXIT_OK"
	fi
}

# table_print COLUMNS: standard input is tab-separated rows, a header first; prints aligned columns,
# "-" for the CLI's None. COLUMNS (numbers, comma-separated, or - for none) are aligned right.
table_print() {
	awk -F '\t' -v right="$1" '
		BEGIN { split(right, r, ","); for (i in r) alignright[r[i]] = 1 }
		{ for (i = 1; i <= NF; i++) { v = ($i == "None" || $i == "") ? "-" : $i; cell[NR, i] = v; if (length(v) > w[i]) w[i] = length(v) }
		  if (NF > nf) nf = NF; n = NR }
		END { for (row = 1; row <= n; row++) { line = "  "
		        for (i = 1; i <= nf; i++) line = line sprintf("%" (i in alignright ? "" : "-") w[i] "s  ", cell[row, i])
		        sub(/ +$/, "", line); print line } }'
}

# json_string VALUE: VALUE as a JSON string.
json_string() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\t'/\\t}
	s=${s//$'\r'/\\r}
	s=${s//$'\n'/\\n}
	printf '"%s"' "$s"
}

# json_records FIELDS: tab-separated rows on standard input as a JSON array of objects.
# FIELDS names the columns, comma-separated; NAME:n marks a number; the CLI's None becomes null.
# FIELDS - makes an array of strings instead, one a line.
json_records() {
	awk -F '\t' -v spec="$1" '
		function str(s,   out, i, c) {
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\\") c = "\\\\"; else if (c == "\"") c = "\\\""; else if (c == "\r") c = "\\r"
				out = out c
			}
			return "\"" out "\""
		}
		BEGIN { n = split(spec, f, ","); printf "[" }
		spec == "-" { printf "%s%s", (NR > 1 ? "," : ""), str($0); next }
		{ printf "%s{", (NR > 1 ? "," : "")
		  for (i = 1; i <= n; i++) {
			name = f[i]; number = sub(/:n$/, "", name); v = $i
			if (v == "None") out = "null"
			else if (number && v ~ /^-?[0-9]+(\.[0-9]+)?$/) out = v
			else out = str(v)
			printf "%s\"%s\":%s", (i > 1 ? "," : ""), name, out
		  }
		  printf "}" }
		END { printf "]" }'
}

# ---- end of common helpers ----
# ---- regional helpers: identical in resource-audit.sh and security-check.sh ----
# list_regions: sets REGIONS (one per line): --region, or every region enabled in the account.
list_regions() {
	if [[ -n $REGION ]]; then
		REGIONS=$REGION
	elif aws_call ec2 describe-regions --region "$HOME_REGION" --query 'Regions[].[RegionName]'; then
		REGIONS=$(output_rows | sort)
	else
		record_failure regions "$HOME_REGION"
		REGIONS=$HOME_REGION
	fi
}

# list_buckets CHECK: writes NAME, REGION, CREATED rows to $TMP/buckets, only --region's when given.
list_buckets() {
	local check=$1 name created region
	: >"$TMP/buckets"
	if ! aws_call s3api list-buckets --region "$HOME_REGION" --query 'Buckets[].[Name,CreationDate,BucketRegion]'; then
		record_failure "$check"
		return 0
	fi
	while IFS=$'\t' read -r name created region; do
		if [[ -z $name ]]; then continue; fi
		if [[ -z $region || $region == None ]]; then # older CLIs do not return BucketRegion
			if aws_call s3api get-bucket-location --bucket "$name" --query LocationConstraint; then
				case $AWS_OUT in
				'' | None) region=us-east-1 ;;
				EU) region=eu-west-1 ;;
				*) region=$AWS_OUT ;;
				esac
			else
				record_failure "$check"
				region=unknown
			fi
		fi
		if [[ -z $REGION || $region == "$REGION" ]]; then
			printf '%s\t%s\t%s\n' "$name" "$region" "$created" >>"$TMP/buckets"
		fi
	done <<<"$(output_rows)"
}

# days_ago N: the UTC date N days before today.
days_ago() {
	days_to_date $(($(date -u +%s) / 86400 - $1))
}

# json_lines: the non-empty lines of standard input as a JSON array of strings.
json_lines() {
	awk 'NF' | json_records -
}
# ---- end of regional helpers ----

# ---- options ----
OLDER_THAN_DAYS=90
while (($# > 0)); do
	case $1 in
	-h | --help)
		usage
		exit "$EXIT_OK"
		;;
	--region | --profile | --output | --older-than-days)
		need_value "$1" "$#" "${2-}"
		case $1 in
		--region) REGION=$2 ;;
		--profile) PROFILE=$2 ;;
		--output) OUTPUT=$2 ;;
		--older-than-days) OLDER_THAN_DAYS=$2 ;;
		esac
		shift 2
		;;
	--region=* | --profile=* | --output=* | --older-than-days=*)
		set -- "${1%%=*}" "${1#*=}" "${@:2}"
		;;
	*) die_usage "unknown argument '$1'" ;;
	esac
done
validate_common_options
if [[ ! $OLDER_THAN_DAYS =~ ^[0-9]+$ ]]; then
	die_usage "--older-than-days must be a whole number of days, not '$OLDER_THAN_DAYS'"
fi

# ---- the audit ----
# add_rows FILE REGION: appends AWS_OUT's rows to FILE, each prefixed with REGION.
add_rows() {
	output_rows | awk -v region="$2" 'NF { print region "\t" $0 }' >>"$1"
}

# audit_load_balancers REGION: load balancers with no healthy target, to $TMP/lbs.
audit_load_balancers() {
	local r=$1 arn name type groups tg states total healthy detail
	if aws_call elbv2 describe-load-balancers --region "$r" --query 'LoadBalancers[].[LoadBalancerArn,LoadBalancerName,Type]'; then
		while IFS=$'\t' read -r arn name type; do
			if [[ -z $arn ]]; then continue; fi
			if ! aws_call elbv2 describe-target-groups --region "$r" --load-balancer-arn "$arn" --query 'TargetGroups[].[TargetGroupArn]'; then
				record_failure idle-load-balancers "$r"
				continue
			fi
			groups=$(output_rows)
			total=0 healthy=0
			for tg in $groups; do
				if ! aws_call elbv2 describe-target-health --region "$r" --target-group-arn "$tg" --query 'TargetHealthDescriptions[].[TargetHealth.State]'; then
					record_failure idle-load-balancers "$r"
					continue 2
				fi
				states=$(output_rows | awk 'NF { n++; if ($1 == "healthy") h++ } END { print n + 0, h + 0 }')
				total=$((total + ${states% *}))
				healthy=$((healthy + ${states#* }))
			done
			if ((healthy > 0)); then continue; fi
			if [[ -z $groups ]]; then
				detail='no target groups'
			elif ((total == 0)); then
				detail='no registered targets'
			else
				detail="0 of $total targets healthy"
			fi
			printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$name" "$type" "$detail" "$arn" >>"$TMP/lbs"
		done <<<"$(output_rows)"
	else
		record_failure idle-load-balancers "$r"
	fi

	# Classic Load Balancers
	if aws_call elb describe-load-balancers --region "$r" --query 'LoadBalancerDescriptions[].[LoadBalancerName]'; then
		for name in $(output_rows); do
			if ! aws_call elb describe-instance-health --region "$r" --load-balancer-name "$name" --query 'InstanceStates[].[State]'; then
				record_failure idle-load-balancers "$r"
				continue
			fi
			states=$(output_rows | awk 'NF { n++; if ($1 == "InService") h++ } END { print n + 0, h + 0 }')
			total=${states% *} healthy=${states#* }
			if ((healthy > 0)); then continue; fi
			if ((total == 0)); then detail='no registered instances'; else detail="0 of $total instances in service"; fi
			printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$name" classic "$detail" None >>"$TMP/lbs"
		done
	else
		record_failure idle-load-balancers "$r"
	fi
}

audit_region() {
	local r=$1
	if aws_call ec2 describe-instances --region "$r" \
		--query "Reservations[].Instances[].[InstanceId,InstanceType,State.Name,LaunchTime,Tags[?Key=='Name'].Value | [0]]"; then
		add_rows "$TMP/instances" "$r"
	else
		record_failure ec2-instances "$r"
	fi

	if aws_call ec2 describe-volumes --region "$r" --filters Name=status,Values=available \
		--query 'Volumes[].[VolumeId,Size,VolumeType,CreateTime]'; then
		add_rows "$TMP/volumes" "$r"
	else
		record_failure unattached-volumes "$r"
	fi

	if aws_call ec2 describe-snapshots --region "$r" --owner-ids self \
		--query 'Snapshots[].[SnapshotId,StartTime,VolumeSize,VolumeId]'; then
		output_rows |
			awk -F '\t' -v region="$r" -v cutoff="$SNAPSHOT_CUTOFF" 'NF && substr($2, 1, 10) < cutoff { print region "\t" $0 }' >>"$TMP/snapshots"
	else
		record_failure old-snapshots "$r"
	fi

	if aws_call ec2 describe-addresses --region "$r" --query 'Addresses[?!AssociationId].[PublicIp,AllocationId,Domain]'; then
		add_rows "$TMP/eips" "$r"
	else
		record_failure idle-elastic-ips "$r"
	fi

	audit_load_balancers "$r"
}

start_aws
resolve_home_region
check_credentials
list_regions
SNAPSHOT_CUTOFF=$(days_ago "$OLDER_THAN_DAYS")
for file in instances volumes snapshots eips lbs; do : >"$TMP/$file"; done
for region in $REGIONS; do
	audit_region "$region"
done
list_buckets s3-buckets

count() { awk 'NF { n++ } END { print n + 0 }' "$TMP/$1"; }
WASTE=$(($(count volumes) + $(count snapshots) + $(count eips) + $(count lbs)))
STATUS=$(exit_status "$WASTE")

if [[ $OUTPUT == json ]]; then
	printf '{"tool":"resource-audit","account":%s,"regions":%s,"olderThanDays":%s,' \
		"$(json_string "$ACCOUNT")" "$(printf '%s\n' "$REGIONS" | json_lines)" "$OLDER_THAN_DAYS"
	printf '"inventory":{"ec2Instances":%s,"s3Buckets":%s},' \
		"$(json_records region,instanceId,instanceType,state,launchTime,name <"$TMP/instances")" \
		"$(json_records name,region,creationDate <"$TMP/buckets")"
	printf '"waste":{"unattachedVolumes":%s,"oldSnapshots":%s,"idleElasticIps":%s,"idleLoadBalancers":%s},' \
		"$(json_records region,volumeId,sizeGiB:n,volumeType,createTime <"$TMP/volumes")" \
		"$(json_records region,snapshotId,startTime,sizeGiB:n,volumeId <"$TMP/snapshots")" \
		"$(json_records region,publicIp,allocationId,domain <"$TMP/eips")" \
		"$(json_records region,name,type,detail,arn <"$TMP/lbs")"
	printf '"summary":{"ec2Instances":%s,"s3Buckets":%s,"wasteFindings":%s,"errors":%s},' \
		"$(count instances)" "$(count buckets)" "$WASTE" "$(count errors)"
	printf '"errors":%s,"complete":%s,"exitCode":%s}\n' \
		"$(json_records check,region,kind,message <"$TMP/errors")" \
		"$([[ $(count errors) -eq 0 ]] && echo true || echo false)" "$STATUS"
else
	# section TITLE FILE HEADER [waste] [COLUMNS]: one part of the report; COLUMNS are aligned right.
	section() {
		local n
		n=$(count "$2")
		if ((n == 0)); then
			printf '\n%s: none\n' "$1"
			return 0
		fi
		printf '\n%s: %s%s\n' "$1" "$n" "${4:+ (waste)}"
		{
			printf '%s\n' "$3"
			cat "$TMP/$2"
		} | table_print "${5:--}"
	}
	printf 'AWS resource audit (read-only), account %s\n' "$ACCOUNT"
	printf 'Regions: %s\n' "$(printf '%s\n' "$REGIONS" | awk 'NF' | tr '\n' ' ' | sed 's/ $//')"
	section 'EC2 instances' instances $'REGION\tINSTANCE\tTYPE\tSTATE\tLAUNCHED\tNAME'
	section 'Unattached EBS volumes' volumes $'REGION\tVOLUME\tGIB\tTYPE\tCREATED' waste 3
	section "EBS snapshots older than $OLDER_THAN_DAYS days" snapshots $'REGION\tSNAPSHOT\tSTARTED\tGIB\tFROM VOLUME' waste 4
	section 'Elastic IPs not associated' eips $'REGION\tPUBLIC IP\tALLOCATION\tDOMAIN' waste
	section 'Load balancers with no healthy target' lbs $'REGION\tNAME\tTYPE\tWHY\tARN' waste
	section 'S3 buckets' buckets $'NAME\tREGION\tCREATED'
	printf '\n'
	if ((WASTE > 0)); then
		printf 'Waste found: %s item(s).\n' "$WASTE"
	else
		printf 'No waste found.\n'
	fi
	if (($(count errors) > 0)); then
		printf 'Incomplete: %s call(s) failed (see the messages on standard error).\n' "$(count errors)"
	fi
fi
exit "$STATUS"
