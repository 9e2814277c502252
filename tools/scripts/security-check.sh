#!/usr/bin/env bash
# security-check.sh: a basic security check of an AWS account.
# Read-only: it makes only describe, list and get calls. Part of AWS Patterns; run with --help.
set -euo pipefail

usage() {
	cat <<EOF
Usage: $PROG [--region R] [--profile P] [--output table|json] [--key-max-age-days N]

Checks, in every enabled region (or only in --region R):
  s3-account-public-access-block  the account's S3 Block Public Access is not fully on
  s3-bucket-public-access-block   a bucket has no full Block Public Access, and the account's is not on
  s3-bucket-public-policy         a bucket's policy makes it public (get-bucket-policy-status)
  ebs-encryption                  EBS volumes that are not encrypted
  rds-encryption                  RDS DB instances and clusters whose storage is not encrypted
  security-group-admin-ports      security group rules open to 0.0.0.0/0 or ::/0 on ports
                                  22 (SSH), 3389 (RDP), 3306 (MySQL), 5432 (PostgreSQL), 1433 (SQL Server)
  root-mfa                        the root user has no MFA (iam get-account-summary)
  cloudtrail-logging              no CloudTrail trail is logging (a multi-region one, unless --region)
  iam-access-key-age              active IAM user access keys older than N days (default 90)

Read-only: the script only calls describe-*, list-* and get-* operations (plus
sts get-caller-identity). It never creates, changes or deletes anything. It needs
read permissions such as the AWS managed policy SecurityAudit or ReadOnlyAccess.

Options:
  --region R              check only region R (default: every region enabled in the account)
  --profile P             use the AWS CLI profile P (default: AWS_PROFILE or the default profile)
  --output table|json     table for people (default), json for programs
  --key-max-age-days N    report active access keys older than N days (default 90)
  -h, --help              show this help

Exit codes:
  0  no findings
  1  findings
  2  usage error (unknown option, missing or bad value)
  3  no usable credentials, or a call was denied (AccessDenied): the report is incomplete
  4  the AWS CLI (aws) is not installed
  5  another AWS error (network, throttling): the report is incomplete

Needs the AWS CLI (v2 or v1) and a POSIX shell toolset (awk, sort, tr); not jq.
Example: $PROG --output json > security.json
EOF
}

# What record_failure asks for when a call is denied.
READ_PERMISSIONS='read access (for example the AWS managed policy SecurityAudit or ReadOnlyAccess)'

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
KEY_MAX_AGE_DAYS=90
while (($# > 0)); do
	case $1 in
	-h | --help)
		usage
		exit "$EXIT_OK"
		;;
	--region | --profile | --output | --key-max-age-days)
		need_value "$1" "$#" "${2-}"
		case $1 in
		--region) REGION=$2 ;;
		--profile) PROFILE=$2 ;;
		--output) OUTPUT=$2 ;;
		--key-max-age-days) KEY_MAX_AGE_DAYS=$2 ;;
		esac
		shift 2
		;;
	--region=* | --profile=* | --output=* | --key-max-age-days=*)
		set -- "${1%%=*}" "${1#*=}" "${@:2}"
		;;
	*) die_usage "unknown argument '$1'" ;;
	esac
done
validate_common_options
if [[ ! $KEY_MAX_AGE_DAYS =~ ^[0-9]+$ ]]; then
	die_usage "--key-max-age-days must be a whole number of days, not '$KEY_MAX_AGE_DAYS'"
fi

# ---- the checks ----
readonly CHECKS='s3-account-public-access-block s3-bucket-public-access-block s3-bucket-public-policy
ebs-encryption rds-encryption security-group-admin-ports root-mfa cloudtrail-logging iam-access-key-age'
readonly ADMIN_PORTS='22 3389 3306 5432 1433'
readonly PAB_QUERY='PublicAccessBlockConfiguration.[BlockPublicAcls,IgnorePublicAcls,BlockPublicPolicy,RestrictPublicBuckets]'

# finding CHECK REGION RESOURCE DETAIL
finding() {
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$TMP/findings"
}

# all_true: AWS_OUT holds the four Block Public Access settings, and all are True.
all_true() {
	[[ $(output_rows | awk '{ for (i = 1; i <= NF; i++) { n++; if ($i == "True") t++ } } END { print (n == 4 && t == 4) }') == 1 ]]
}

check_s3() {
	local account_blocked=false name region created
	if aws_call s3control get-public-access-block --region "$HOME_REGION" --account-id "$ACCOUNT" --query "$PAB_QUERY"; then
		if all_true; then
			account_blocked=true
		else
			finding s3-account-public-access-block global "$ACCOUNT" 'Block Public Access is only partly on for the account'
		fi
	elif [[ $AWS_ERR == *NoSuchPublicAccessBlockConfiguration* ]]; then
		finding s3-account-public-access-block global "$ACCOUNT" 'Block Public Access is not configured for the account'
	else
		record_failure s3-account-public-access-block
	fi

	list_buckets s3-bucket-public-access-block
	while IFS=$'\t' read -r name region created; do
		if [[ -z $name ]]; then continue; fi
		if [[ $region == unknown ]]; then region=$HOME_REGION; fi
		if [[ $account_blocked == true ]]; then
			: # the account's Block Public Access covers every bucket
		elif aws_call s3api get-public-access-block --region "$region" --bucket "$name" --query "$PAB_QUERY"; then
			if ! all_true; then
				finding s3-bucket-public-access-block "$region" "$name" 'Block Public Access is only partly on, for the bucket and for the account'
			fi
		elif [[ $AWS_ERR == *NoSuchPublicAccessBlockConfiguration* ]]; then
			finding s3-bucket-public-access-block "$region" "$name" 'no Block Public Access, for the bucket or for the account'
		else
			record_failure s3-bucket-public-access-block "$region"
		fi

		if aws_call s3api get-bucket-policy-status --region "$region" --bucket "$name" --query PolicyStatus.IsPublic; then
			if [[ $AWS_OUT == True ]]; then
				finding s3-bucket-public-policy "$region" "$name" "the bucket policy makes the bucket public (created $created)"
			fi
		elif [[ $AWS_ERR != *NoSuchBucketPolicy* ]]; then
			record_failure s3-bucket-public-policy "$region"
		fi
	done <"$TMP/buckets"
}

# check_security_groups REGION: inbound rules open to the internet on an admin or database port.
check_security_groups() {
	local r=$1
	if ! aws_call ec2 describe-security-group-rules --region "$r" \
		--query "SecurityGroupRules[?!IsEgress && (CidrIpv4=='0.0.0.0/0' || CidrIpv6=='::/0')].[GroupId,SecurityGroupRuleId,IpProtocol,FromPort,ToPort,CidrIpv4,CidrIpv6]"; then
		record_failure security-group-admin-ports "$r"
		return 0
	fi
	output_rows | awk -F '\t' -v region="$r" -v ports="$ADMIN_PORTS" '
		BEGIN { n = split(ports, port, " ") }
		NF {
			open = ""
			for (i = 1; i <= n; i++) {
				all = ($3 == "-1")
				ranged = ($3 == "tcp" || $3 == "udp" || $3 == "6" || $3 == "17") && $4 + 0 <= port[i] + 0 && port[i] + 0 <= $5 + 0
				if (all || ranged) open = open (open == "" ? "" : ",") port[i]
			}
			if (open == "") next
			source = ($6 != "None" && $6 != "") ? $6 : $7
			range = ($3 == "-1") ? "all traffic" : $3 " " ($4 == $5 ? $4 : $4 "-" $5)
			printf "security-group-admin-ports\t%s\t%s\t%s %s open to %s (rule %s, %s)\n", region, $1, (index(open, ",") ? "ports" : "port"), open, source, $2, range
		}' >>"$TMP/findings"
}

check_region() {
	local r=$1
	if aws_call ec2 describe-volumes --region "$r" --filters Name=encrypted,Values=false --query 'Volumes[].[VolumeId,Size,State]'; then
		output_rows | awk -F '\t' -v region="$r" \
			'NF { printf "ebs-encryption\t%s\t%s\tvolume not encrypted (%s GiB, %s)\n", region, $1, $2, $3 }' >>"$TMP/findings"
	else
		record_failure ebs-encryption "$r"
	fi

	if aws_call rds describe-db-instances --region "$r" \
		--query 'DBInstances[?!StorageEncrypted && !DBClusterIdentifier].[DBInstanceIdentifier,Engine]'; then
		output_rows | awk -F '\t' -v region="$r" \
			'NF { printf "rds-encryption\t%s\t%s\tDB instance storage not encrypted (%s)\n", region, $1, $2 }' >>"$TMP/findings"
	else
		record_failure rds-encryption "$r"
	fi
	if aws_call rds describe-db-clusters --region "$r" --query 'DBClusters[?!StorageEncrypted].[DBClusterIdentifier,Engine]'; then
		output_rows | awk -F '\t' -v region="$r" \
			'NF { printf "rds-encryption\t%s\t%s\tDB cluster storage not encrypted (%s)\n", region, $1, $2 }' >>"$TMP/findings"
	else
		record_failure rds-encryption "$r"
	fi

	check_security_groups "$r"
}

check_root_mfa() {
	if aws_call iam get-account-summary --region "$HOME_REGION" --query SummaryMap.AccountMFAEnabled; then
		if [[ $AWS_OUT != 1 ]]; then
			finding root-mfa global "$ACCOUNT" 'the root user has no MFA device'
		fi
	else
		record_failure root-mfa
	fi
}

check_cloudtrail() {
	local arn home multi covered=false logging='' stopped='' detail
	if ! aws_call cloudtrail describe-trails --region "$HOME_REGION" --query 'trailList[].[TrailARN,HomeRegion,IsMultiRegionTrail]'; then
		record_failure cloudtrail-logging "$HOME_REGION"
		return 0
	fi
	while IFS=$'\t' read -r arn home multi; do
		if [[ -z $arn ]]; then continue; fi
		if ! aws_call cloudtrail get-trail-status --region "$home" --name "$arn" --query IsLogging; then
			record_failure cloudtrail-logging "$home"
			return 0
		fi
		if [[ $AWS_OUT != True ]]; then
			stopped="$stopped ${arn##*/}"
		elif [[ $multi == True || $home == "$REGION" ]]; then
			covered=true
		else
			logging="$logging ${arn##*/}"
		fi
	done <<<"$(output_rows)"
	if [[ $covered == true ]]; then return 0; fi
	if [[ -n $REGION ]]; then detail="no trail is logging in $REGION"; else detail='no multi-region trail is logging'; fi
	if [[ -n $logging ]]; then detail="$detail; single-region trails logging:$logging"; fi
	if [[ -n $stopped ]]; then detail="$detail; trails not logging:$stopped"; fi
	finding cloudtrail-logging "${REGION:-global}" "$ACCOUNT" "$detail"
}

check_access_keys() {
	local cutoff user users
	cutoff=$(days_ago "$KEY_MAX_AGE_DAYS")
	if ! aws_call iam list-users --region "$HOME_REGION" --query 'Users[].[UserName]'; then
		record_failure iam-access-key-age
		return 0
	fi
	users=$(output_rows)
	for user in $users; do
		if aws_call iam list-access-keys --region "$HOME_REGION" --user-name "$user" --query "AccessKeyMetadata[?Status=='Active'].[AccessKeyId,CreateDate]"; then
			output_rows | awk -F '\t' -v user="$user" -v cutoff="$cutoff" -v days="$KEY_MAX_AGE_DAYS" '
				NF && substr($2, 1, 10) < cutoff {
					printf "iam-access-key-age\tglobal\t%s\tactive access key %s created %s, more than %s days ago\n", user, $1, substr($2, 1, 10), days
				}' >>"$TMP/findings"
		else
			record_failure iam-access-key-age
		fi
	done
}

start_aws
resolve_home_region
check_credentials
list_regions
: >"$TMP/findings"
check_s3
for region in $REGIONS; do
	check_region "$region"
done
check_root_mfa
check_cloudtrail
check_access_keys

count() { awk 'NF { n++ } END { print n + 0 }' "$TMP/$1"; }
FINDINGS=$(count findings)
ERRORS=$(count errors)
STATUS=$(exit_status "$FINDINGS")

# check_statuses: one row a check: ID, STATUS (pass, fail or error), FINDINGS, ERRORS.
# A check with findings fails even when some of its calls failed too.
check_statuses() {
	local check
	for check in $CHECKS; do
		awk -F '\t' -v check="$check" '
			FILENAME ~ /findings$/ && $1 == check { f++ }
			FILENAME ~ /errors$/ && $1 == check { e++ }
			END { printf "%s\t%s\t%d\t%d\n", check, (f > 0 ? "fail" : (e > 0 ? "error" : "pass")), f, e }' \
			"$TMP/findings" "$TMP/errors"
	done
}

if [[ $OUTPUT == json ]]; then
	printf '{"tool":"security-check","account":%s,"regions":%s,"keyMaxAgeDays":%s,' \
		"$(json_string "$ACCOUNT")" "$(printf '%s\n' "$REGIONS" | json_lines)" "$KEY_MAX_AGE_DAYS"
	printf '"checks":%s,"findings":%s,"errors":%s,' \
		"$(check_statuses | json_records id,status,findings:n,errors:n)" \
		"$(json_records check,region,resource,detail <"$TMP/findings")" \
		"$(json_records check,region,kind,message <"$TMP/errors")"
	printf '"summary":{"findings":%s,"errors":%s},"complete":%s,"exitCode":%s}\n' "$FINDINGS" "$ERRORS" \
		"$([[ $ERRORS -eq 0 ]] && echo true || echo false)" "$STATUS"
else
	printf 'AWS security check (read-only), account %s\n' "$ACCOUNT"
	printf 'Regions: %s\n\n' "$(printf '%s\n' "$REGIONS" | awk 'NF' | tr '\n' ' ' | sed 's/ $//')"
	{
		printf 'STATUS\tCHECK\tFINDINGS\n'
		check_statuses | awk -F '\t' '{ print toupper($2) "\t" $1 "\t" $3 }'
	} | table_print 3
	if ((FINDINGS > 0)); then
		printf '\nFindings: %s\n' "$FINDINGS"
		{
			printf 'CHECK\tREGION\tRESOURCE\tDETAIL\n'
			cat "$TMP/findings"
		} | table_print -
	else
		printf '\nNo findings.\n'
	fi
	if ((ERRORS > 0)); then
		printf 'Incomplete: %s call(s) failed (see the messages on standard error); checks marked ERROR were not fully made.\n' "$ERRORS"
	fi
fi
exit "$STATUS"
