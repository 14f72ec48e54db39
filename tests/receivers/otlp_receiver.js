// A real OTLP metrics receiver for the sink tests: decodes ExportMetricsServiceRequest with the
// protobufjs classes of @opentelemetry/otlp-transformer (HTTP: POST /v1/metrics, protobuf or
// JSON) and @grpc/grpc-js (gRPC: MetricsService/Export). Every request is printed as one JSON
// line {src, headers, req}; a request that does not decode is printed as {src, error} and
// refused (HTTP 400, gRPC INVALID_ARGUMENT). Ports 0 = pick free ones; the chosen ports are
// printed first as {"listening": {"http": N, "grpc": M}}.
// Usage: node otlp_receiver.js [httpPort] [grpcPort]
'use strict';
const http = require('http');
const grpc = require('@grpc/grpc-js');
const root = require('@opentelemetry/otlp-transformer/build/src/generated/root');

const v1 = root.opentelemetry.proto.collector.metrics.v1;
const Req = v1.ExportMetricsServiceRequest;
const Resp = v1.ExportMetricsServiceResponse;
const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const dump = (src, headers, m) =>
  print({src, headers, req: Req.toObject(m, {longs: String, enums: String, defaults: true})});

const ports = {};
const ready = () => { if (ports.http !== undefined && ports.grpc !== undefined) print({listening: ports}); };

const server = http.createServer((q, s) => {
  const chunks = [];
  q.on('data', (c) => chunks.push(c));
  q.on('end', () => {
    const body = Buffer.concat(chunks);
    if (q.method !== 'POST' || q.url !== '/v1/metrics') {
      print({src: 'http', error: `unexpected ${q.method} ${q.url}`});
      s.writeHead(404);
      s.end();
      return;
    }
    try {
      const type = q.headers['content-type'] || '';
      let m;
      if (type.includes('json')) m = Req.fromObject(JSON.parse(body));
      else if (type === 'application/x-protobuf') m = Req.decode(body);
      else throw new Error(`unsupported content-type '${type}'`);
      dump('http', q.headers, m);
      s.writeHead(200, {'content-type': 'application/x-protobuf'});
      s.end(Buffer.from(Resp.encode({}).finish()));
    } catch (e) {
      print({src: 'http', error: e.message});
      s.writeHead(400);
      s.end();
    }
  });
});
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => { ports.http = server.address().port; ready(); });

const srv = new grpc.Server();
srv.addService({
  Export: {
    path: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
    requestStream: false,
    responseStream: false,
    requestDeserialize: (b) => b,
    responseSerialize: (m) => Buffer.from(Resp.encode(m).finish()),
  },
}, {
  Export: (call, cb) => {
    try {
      const m = Req.decode(call.request);
      dump('grpc', call.metadata.getMap(), m);
      cb(null, {});
    } catch (e) {
      print({src: 'grpc', error: e.message});
      cb({code: grpc.status.INVALID_ARGUMENT, details: e.message});
    }
  },
});
srv.bindAsync(`127.0.0.1:${Number(process.argv[3] || 0)}`, grpc.ServerCredentials.createInsecure(),
  (err, port) => {
    if (err) { print({error: err.message}); process.exit(1); }
    ports.grpc = port;
    ready();
  });
