{{/* Chart name, overridable as in every Helm chart. */}}
{{- define "mensor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "mensor.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "mensor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "mensor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mensor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mensor.labels" -}}
helm.sh/chart: {{ include "mensor.chart" . }}
{{ include "mensor.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: scraper
app.kubernetes.io/part-of: mensor
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mensor.serviceAccountName" -}}
{{- if and .Values.rbac.create .Values.rbac.serviceAccount.create }}
{{- default (include "mensor.fullname" .) .Values.rbac.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.rbac.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "mensor.secretName" -}}
{{- default (include "mensor.fullname" .) .Values.secrets.secretName }}
{{- end }}

{{- define "mensor.configMapName" -}}
{{- printf "%s-config" (include "mensor.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Promitor's deprecated appId/appKey still work; identity.* wins. */}}
{{- define "mensor.identityId" -}}
{{- default .Values.azureAuthentication.appId .Values.azureAuthentication.identity.id }}
{{- end }}

{{- define "mensor.identityKey" -}}
{{- default .Values.azureAuthentication.appKey .Values.azureAuthentication.identity.key }}
{{- end }}

{{/* "true" when the pod federates its service-account token with Entra ID (AKS workload identity). */}}
{{- define "mensor.workloadIdentity" -}}
{{- if or .Values.azureAuthentication.workloadIdentity.enabled (eq (lower (toString .Values.azureAuthentication.mode)) "workloadidentity") -}}
true
{{- end }}
{{- end }}

{{/* The app key is injected when the chart stores one, or when an existing secret is used for a service principal. */}}
{{- define "mensor.injectAppKey" -}}
{{- if include "mensor.identityKey" . -}}
true
{{- else if and (not .Values.secrets.createSecret) (eq (lower (toString .Values.azureAuthentication.mode)) "serviceprincipal") -}}
true
{{- end }}
{{- end }}

{{- define "mensor.injectStatuspageKey" -}}
{{- if .Values.metricSinks.atlassianStatuspage.enabled }}
{{- if or .Values.metricSinks.atlassianStatuspage.apiKey (not .Values.secrets.createSecret) -}}
true
{{- end }}
{{- end }}
{{- end }}

{{/* The Secret is rendered only when it would hold something. */}}
{{- define "mensor.createSecret" -}}
{{- if .Values.secrets.createSecret }}
{{- if or (include "mensor.identityKey" .) .Values.metricSinks.atlassianStatuspage.apiKey .Values.secrets.extra -}}
true
{{- end }}
{{- end }}
{{- end }}
