// Mutual TLS: is the client certificate valid now and issued by a CA of the truststore?
import { X509Certificate } from "node:crypto";

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export const pemCertificates = (pem: string): X509Certificate[] => [...pem.matchAll(PEM_CERT)].map((m) => new X509Certificate(m[0]));

/** A sentence saying what is wrong with the client certificate, or undefined when it would pass. */
export const clientCertProblem = (clientPem: string, truststorePem: string, now: Date): string | undefined => {
  const [cert] = pemCertificates(clientPem);
  if (!cert) return "the --client-cert file holds no PEM certificate";
  const cas = pemCertificates(truststorePem);
  if (cas.length === 0) return "the --truststore file holds no PEM certificate";
  if (now < new Date(cert.validFrom)) return `the client certificate is not valid before ${new Date(cert.validFrom).toISOString()}`;
  if (now > new Date(cert.validTo)) return `the client certificate expired at ${new Date(cert.validTo).toISOString()}`;
  const issuer = cas.find((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
  if (!issuer) return `the client certificate (issuer ${cert.issuer.replace(/\n/g, ", ")}) is not issued by any CA in the truststore`;
  return undefined;
};
