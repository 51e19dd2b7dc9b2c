// The lab's real servers: nginx, Apache httpd with ModSecurity + OWASP CRS, Squid and moto, each
// configured into a temporary directory and started on 127.0.0.1 ports as a child process.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, waitForPort, type Procs } from "./procs.js";
import { motoReady } from "../helpers/moto.js";

const write = (path: string, text: string, mode?: number): void => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  if (mode !== undefined) chmodSync(path, mode);
};

const INDEX = "<!doctype html><title>lab</title><h1>It works</h1>\n";

/** One witness line format for nginx and Apache: port, method, Host, URI, status. */
export const WITNESS_FORMAT_NOTE = "PORT METHOD \"HOST\" \"URI\" STATUS";

export interface NginxPorts {
  ipDeny: number;
  /** a default server that refuses every name but www.shop.test */
  vhost: number;
  static: number;
  uaBlock: number;
  app: number;
  origin: number;
}

/** The static site nginx and Apache serve: files each scenario needs. */
export const writeSite = (root: string): void => {
  write(join(root, "index.html"), INDEX);
  write(join(root, "files/report-2024.txt"), "numbers\n");
  write(join(root, "notes/readme.txt"), "readable\n");
  write(join(root, "notes/secret.txt"), "unreadable\n", 0o000);
  write(join(root, ".git/config"), "[core]\n");
  write(join(root, "upload/index.html"), INDEX);
  write(join(root, "images/logo.png"), "\x89PNG fake\n");
  write(join(root, "download/app.tar.gz"), "archive\n");
  write(join(root, "reports/q3.pdf"), "%PDF-1.4\n");
  write(join(root, "docs/guide.txt"), "guide\n");
  write(join(root, "private/data.txt"), "secret\n");
  write(join(root, "private/.htaccess"), "Require all denied\n");
  write(join(root, "search/index.html"), INDEX);
  write(join(root, "status/index.html"), INDEX);
};

export const startNginx = async (dir: string, procs: Procs, appPort: number): Promise<NginxPorts> => {
  const ports: NginxPorts = { ipDeny: await freePort(), vhost: await freePort(), static: await freePort(), uaBlock: await freePort(), app: await freePort(), origin: await freePort() };
  const root = join(dir, "www");
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, "nginx-tmp", t), { recursive: true });
  const conf = `
# workers run as nobody: a file no one may read (mode 000) is refused as on a real host
user nobody nogroup;
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log info;
events { worker_connections 256; }
http {
  log_format witness '$server_port $request_method "$host" "$request_uri" $status';
  access_log ${dir}/nginx-access.log witness;
  client_body_temp_path ${dir}/nginx-tmp/body;
  proxy_temp_path ${dir}/nginx-tmp/proxy;
  fastcgi_temp_path ${dir}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${dir}/nginx-tmp/uwsgi;
  scgi_temp_path ${dir}/nginx-tmp/scgi;
  types { text/html html; text/plain txt; image/png png; application/pdf pdf; }
  default_type application/octet-stream;

  # IP deny: the whole site refuses this client's address
  server {
    listen 127.0.0.1:${ports.ipDeny};
    root ${root};
    deny 127.0.0.1;
    allow all;
  }

  # the site answers only to www.shop.test; any other name lands on the default server
  server {
    listen 127.0.0.1:${ports.vhost} default_server;
    return 403;
  }
  server {
    listen 127.0.0.1:${ports.vhost};
    server_name www.shop.test;
    root ${root};
  }

  # one site, several locations: missing index, mode 000, dotfiles, method limit, hotlinks, errors
  server {
    listen 127.0.0.1:${ports.static};
    root ${root};
    autoindex off;
    location ~ /\\.git { deny all; }
    location /upload/ { limit_except GET { deny all; } }
    location /images/ {
      valid_referers none blocked server_names 127.0.0.1;
      if ($invalid_referer) { return 403; }
    }
    location = /boom { return 502; }
    location = /moved { return 302 /index.html; }
  }

  # User-Agent block across the site
  server {
    listen 127.0.0.1:${ports.uaBlock};
    root ${root};
    if ($http_user_agent ~* "(python-requests|python-urllib|scrapy|wget)") { return 403; }
  }

  # the application behind nginx
  server {
    listen 127.0.0.1:${ports.app};
    location / {
      proxy_pass http://127.0.0.1:${appPort};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }

  # the origin behind the CDN: members' pages are refused by a rule
  server {
    listen 127.0.0.1:${ports.origin};
    root ${root};
    location /members/ { default_type text/plain; return 403 "Access to this resource is restricted.\\n"; }
  }
}
`;
  write(join(dir, "nginx.conf"), conf);
  const test = spawnSync("nginx", ["-t", "-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "nginx-error.log")], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child = procs.start("nginx", "nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "nginx-error.log")]);
  for (const p of Object.values(ports as Record<keyof NginxPorts, number>)) await waitForPort(p, "nginx", child);
  return ports;
};

export interface ApachePorts {
  static: number;
  ipDeny: number;
  waf: number;
  uaBlock: number;
}

// log_config and unixd are built into Debian's apache2
const MODULES = ["mpm_prefork", "authz_core", "authz_host", "authn_core", "dir", "autoindex", "mime", "unique_id", "security2"];

export const startApache = async (dir: string, procs: Procs): Promise<ApachePorts> => {
  const ports: ApachePorts = { static: await freePort(), ipDeny: await freePort(), waf: await freePort(), uaBlock: await freePort() };
  const root = join(dir, "www");
  const adir = join(dir, "apache");
  mkdirSync(join(adir, "modsec-data"), { recursive: true });
  mkdirSync(join(adir, "modsec-tmp"), { recursive: true });
  for (const d of ["modsec-data", "modsec-tmp"]) chownSync(join(adir, d), 33, 33);
  const directory = (body: string) => `<Directory ${root}>\n${body}\n</Directory>`;
  const conf = `
ServerRoot "${adir}"
PidFile "${adir}/apache.pid"
Mutex file:${adir} default
ErrorLog "${adir}/error.log"
LogLevel warn
ServerName lab.localhost
User www-data
Group www-data
${MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join("\n")}
StartServers 1
MinSpareServers 1
MaxSpareServers 3
MaxRequestWorkers 8
TypesConfig /etc/mime.types
DirectoryIndex index.html
LogFormat "%{local}p %m \\"%{Host}i\\" \\"%U%q\\" %>s" witness
CustomLog "${adir}/access.log" witness
Listen 127.0.0.1:${ports.static}
Listen 127.0.0.1:${ports.ipDeny}
Listen 127.0.0.1:${ports.waf}
Listen 127.0.0.1:${ports.uaBlock}
<Directory />
  AllowOverride None
  Require all denied
</Directory>

# ModSecurity with the OWASP Core Rule Set from Debian's packages; on only in the WAF site
SecRuleEngine Off
SecRequestBodyAccess On
SecDataDir ${adir}/modsec-data
SecTmpDir ${adir}/modsec-tmp
SecAuditEngine Off
Include /etc/modsecurity/crs/crs-setup.conf
Include /usr/share/modsecurity-crs/rules/*.conf

# listing disabled; .htaccess files may deny (Require all denied in private/)
<VirtualHost 127.0.0.1:${ports.static}>
  DocumentRoot ${root}
  ${directory("  Options -Indexes\n  AllowOverride All\n  Require all granted")}
</VirtualHost>

# IP deny: everything but this client
<VirtualHost 127.0.0.1:${ports.ipDeny}>
  DocumentRoot ${root}
  ${directory("  <RequireAll>\n    Require all granted\n    Require not ip 127.0.0.1\n  </RequireAll>")}
</VirtualHost>

# User-Agent block with an expression
<VirtualHost 127.0.0.1:${ports.uaBlock}>
  DocumentRoot ${root}
  ${directory('  Require all granted\n  <If "%{HTTP_USER_AGENT} =~ /(?:wget|python|scrapy|go-http-client)/i">\n    Require all denied\n  </If>')}
</VirtualHost>

<VirtualHost 127.0.0.1:${ports.waf}>
  DocumentRoot ${root}
  SecRuleEngine On
  ${directory("  Options -Indexes\n  Require all granted")}
</VirtualHost>
`;
  write(join(adir, "apache2.conf"), conf);
  const check = spawnSync("apache2", ["-t", "-f", join(adir, "apache2.conf")], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`apache2 -t failed: ${check.stderr}`);
  const child = procs.start("apache2", "apache2", ["-f", join(adir, "apache2.conf"), "-D", "FOREGROUND"]);
  for (const p of Object.values(ports as Record<keyof ApachePorts, number>)) await waitForPort(p, "apache2", child);
  return ports;
};

export const startSquid = async (dir: string, procs: Procs): Promise<number> => {
  const port = await freePort();
  const sdir = join(dir, "squid");
  mkdirSync(sdir, { recursive: true });
  // squid drops to the proxy user: its logs and pid live in a directory that user may write
  chmodSync(sdir, 0o777);
  const conf = `
http_port 127.0.0.1:${port}
pid_filename ${sdir}/squid.pid
access_log stdio:${sdir}/access.log squid
cache_log ${sdir}/cache.log
cache_store_log none
cache deny all
coredump_dir ${sdir}
visible_hostname lab-proxy
# no name is ever resolved outside this machine
dns_nameservers 127.0.0.1
shutdown_lifetime 1 seconds
acl blocked dstdomain .blocked.lab
acl lab src 127.0.0.1/32
http_access deny blocked
http_access allow lab
http_access deny all
`;
  write(join(sdir, "squid.conf"), conf);
  const child = procs.start("squid", "squid", ["-N", "-f", join(sdir, "squid.conf")]);
  await waitForPort(port, "squid", child, 30_000);
  return port;
};

export interface MotoKeys {
  /** may list `data` and read data/public/*: a caller refused data/private/* */
  reader: { id: string; secret: string };
  /** CloudFront's origin access identity for `site-private`: allowed nothing */
  oacPrivate: { id: string; secret: string };
  /** CloudFront's origin access identity for `site-public`: GetObject, no ListBucket */
  oacPublic: { id: string; secret: string };
}

const MOTO_SETUP = `
import boto3, json, sys, urllib.request
ep = sys.argv[1]
kw = dict(endpoint_url=ep, region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="setup")
iam = boto3.client("iam", **kw); s3 = boto3.client("s3", **kw)
def user(name, statements):
    iam.create_user(UserName=name)
    k = iam.create_access_key(UserName=name)["AccessKey"]
    if statements:
        iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    return {"id": k["AccessKeyId"], "secret": k["SecretAccessKey"]}
for b in ["data", "site-private", "site-public"]:
    s3.create_bucket(Bucket=b)
s3.put_object(Bucket="data", Key="private/report.csv", Body=b"a,b\\n")
s3.put_object(Bucket="data", Key="public/a.txt", Body=b"hello\\n")
for b in ["site-private", "site-public"]:
    s3.put_object(Bucket=b, Key="index.html", Body=b"<!doctype html><h1>site</h1>", ContentType="text/html")
    s3.put_object(Bucket=b, Key="app.js", Body=b"console.log(1)", ContentType="application/javascript")
keys = {
    "reader": user("reader", [
        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::data"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/public/*"}]),
    "oacPrivate": user("oac-private", []),
    "oacPublic": user("oac-public", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site-public/*"}]),
}
# from here on every request must be signed by a known key, and policies apply
urllib.request.urlopen(urllib.request.Request(ep + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"})).read()
print(json.dumps(keys))
`;

export const startMoto = async (procs: Procs): Promise<{ port: number; keys: MotoKeys }> => {
  const port = await freePort();
  // path-style buckets whatever the Host header says (the S3 front keeps the client's Host, which the signature covers)
  const child = procs.start("moto", "moto_server", ["-H", "127.0.0.1", "-p", String(port)], { S3_IGNORE_SUBDOMAIN_BUCKETNAME: "true" });
  await motoReady(`http://127.0.0.1:${port}`, child, 60_000);
  const setup = spawnSync("python3", ["-c", MOTO_SETUP, `http://127.0.0.1:${port}`], { encoding: "utf8", timeout: 120_000 });
  if (setup.status !== 0) throw new Error(`moto setup failed: ${setup.stderr}`);
  return { port, keys: JSON.parse(setup.stdout.trim().split("\n").pop()!) as MotoKeys };
};
