// Real local servers for the notification tests (issue 17): an SMTP sink
// (plain SMTP, STARTTLS with a self-signed certificate made by openssl, AUTH
// PLAIN and LOGIN) and an HTTP sink for SMS gateways and robots.  Both keep
// every byte they received for the tests to check.
import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** A self-signed certificate for 127.0.0.1 in dir: {key, cert, certFile}. */
export function makeCertificate(dir) {
  const keyFile = path.join(dir, 'sink.key');
  const certFile = path.join(dir, 'sink.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
}

/**
 * Starts an SMTP sink on 127.0.0.1.  opts.tls: {key, cert} offers STARTTLS.
 * Resolves with {port, messages: [{from, to, data, auth, tls}], close()}.
 */
export function startSmtpSink(opts = {}) {
  const messages = [];
  const server = net.createServer((raw) => {
    let sock = raw;
    let buf = '';
    let state = 'cmd';
    let cur = { from: '', to: [], data: '', auth: null, tls: false };
    let authStep = null;
    const reply = (s) => sock.write(s + '\r\n');
    const onLine = (line) => {
      if (state === 'data') {
        if (line === '.') {
          messages.push({ ...cur, data: cur.data });
          cur = { from: '', to: [], data: '', auth: cur.auth, tls: cur.tls };
          state = 'cmd';
          reply('250 2.0.0 queued');
        } else {
          cur.data += (line.startsWith('..') ? line.slice(1) : line) + '\r\n';
        }
        return;
      }
      if (authStep === 'plain') {
        const parts = Buffer.from(line.trim(), 'base64').toString().split('\0');
        cur.auth = { user: parts[1], pass: parts[2] };
        authStep = null;
        return reply('235 2.7.0 ok');
      }
      if (authStep === 'login-user') {
        cur.auth = { user: Buffer.from(line, 'base64').toString() };
        authStep = 'login-pass';
        return reply('334 UGFzc3dvcmQ6');
      }
      if (authStep === 'login-pass') {
        cur.auth.pass = Buffer.from(line, 'base64').toString();
        authStep = null;
        return reply('235 2.7.0 ok');
      }
      const up = line.toUpperCase();
      if (up.startsWith('EHLO') || up.startsWith('HELO')) {
        const ext = ['250-sink', '250-AUTH PLAIN LOGIN'];
        if (opts.tls && !cur.tls) ext.push('250-STARTTLS');
        ext.push('250 8BITMIME');
        sock.write(ext.join('\r\n') + '\r\n');
      } else if (up === 'STARTTLS' && opts.tls) {
        reply('220 2.0.0 go ahead');
        const secure = new tls.TLSSocket(sock, { isServer: true, key: opts.tls.key, cert: opts.tls.cert });
        sock.removeAllListeners('data');
        sock = secure;
        cur.tls = true;
        buf = '';
        sock.on('data', onData);
        sock.on('error', () => {});
      } else if (up === 'AUTH PLAIN') {
        authStep = 'plain';
        reply('334 ');
      } else if (up.startsWith('AUTH PLAIN ')) {
        const parts = Buffer.from(line.slice(11).trim(), 'base64').toString().split('\0');
        cur.auth = { user: parts[1], pass: parts[2] };
        reply('235 2.7.0 ok');
      } else if (up.startsWith('AUTH LOGIN')) {
        authStep = 'login-user';
        reply('334 VXNlcm5hbWU6');
      } else if (up.startsWith('MAIL FROM:')) {
        cur.from = line.slice(10).trim().replace(/^<|>.*$/g, '');
        reply('250 2.1.0 ok');
      } else if (up.startsWith('RCPT TO:')) {
        cur.to.push(line.slice(8).trim().replace(/^<|>.*$/g, ''));
        reply('250 2.1.5 ok');
      } else if (up === 'DATA') {
        state = 'data';
        reply('354 end with .');
      } else if (up === 'QUIT') {
        reply('221 2.0.0 bye');
        sock.end();
      } else if (up === 'RSET' || up === 'NOOP') {
        reply('250 ok');
      } else {
        reply('502 5.5.2 unknown');
      }
    };
    const onData = (d) => {
      buf += d.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        onLine(line);
      }
    };
    raw.on('data', onData);
    raw.on('error', () => {});
    reply('220 sink ESMTP');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      port: server.address().port, messages,
      close: () => new Promise((r) => server.close(() => r())),
    }));
  });
}

/**
 * Starts an HTTP sink.  respond(req, body) may return {status, body} (default 200 and
 * {"errcode":0}), after delayMs.  Resolves with {url, port, requests: [{method, url, headers, body}], close()}.
 */
export function startHttpSink(respond = () => null, { delayMs = 0 } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r = { method: req.method, url: req.url, headers: req.headers, body };
      const answer = respond(r) || {};
      r.status = answer.status ?? 200;
      requests.push(r);
      const send = () => {
        res.writeHead(r.status, { 'Content-Type': 'application/json' });
        res.end(answer.body ?? '{"errcode":0,"errmsg":"ok"}');
      };
      if (delayMs) setTimeout(send, delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = server.address().port;
      resolve({
        port, url: `http://127.0.0.1:${port}`, requests,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
