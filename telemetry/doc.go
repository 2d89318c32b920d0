// Package telemetry is what operators see of a running Vividly process: a
// Prometheus registry served at /metrics, fed by the Temporal SDK's metrics and
// by Vividly's own through the SDK's metrics handler; the /health and
// /health/ready endpoints beside it on one small HTTP server; and the slog
// handler every process logs through, which puts request and workflow ids on
// the lines about a request and keeps student text out of lines above debug.
//
// It imports nothing of Vividly's but the domain, so workflows and activities
// can import it for the metric names and the helpers that emit them.
//
// # Names on /metrics
//
// The handler follows Temporal's Prometheus naming (contrib/tally's
// PrometheusNamingScope): a counter gains _total, a timer becomes a histogram
// in seconds named with _seconds; gauges keep their name. So:
//
//	vividly_requests_terminal_total{status}          counter
//	vividly_stage_duration_seconds{stage}             histogram (_bucket, _sum, _count)
//	vividly_fallback_activations_total{stage}         counter
//	vividly_clarifications_total                      counter
//	vividly_render_speed_x_realtime                   gauge
//	vividly_cache_lookups_total{result}               counter (hit, miss)
//	vividly_cache_saved_microdollars_total            counter
//	vividly_memo_lookups_total{memo,result}           counter (worker; speech, aac; hit, miss)
//	vividly_memo_reused_bytes_total{memo}             counter (worker)
//	vividly_memo_bytes{memo}                          gauge (worker)
//	vividly_messages_received_total                   counter (starter)
//	vividly_workflows_started_total                   counter (starter)
//	vividly_messages_nacked_total                     counter (starter)
//	vividly_dead_letters_total{reason}                counter (starter)
//
// and the SDK's, e.g. temporal_workflow_completed_total and
// temporal_activity_execution_latency_seconds, with the SDK's tags (namespace,
// task_queue, workflow_type, activity_type, …; "none" where one does not
// apply). Label values are kept as given: task_queue="vividly-content".
// Vividly's metrics carry only the labels above, wherever they are emitted.
package telemetry
