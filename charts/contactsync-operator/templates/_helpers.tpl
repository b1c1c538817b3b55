{{/*
Names are fixed, not derived from the release: the operator binds people to contactsync-viewer and
contactsync-editor by name, and the CRDs make it one installation per cluster anyway.
*/}}

{{/* Labels on every object: the two the kustomize bases use, plus Helm's bookkeeping. */}}
{{- define "contactsync.labels" -}}
app.kubernetes.io/name: contactsync
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* The operator pods' labels, which the Deployment and the metrics Service select on; never change them. */}}
{{- define "contactsync.selectorLabels" -}}
app.kubernetes.io/name: contactsync
app.kubernetes.io/component: operator
{{- end }}

{{/* The image reference: a digest pins it, else the tag, else the chart's appVersion. */}}
{{- define "contactsync.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end }}
