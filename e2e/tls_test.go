package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/cluster"
)

// TestWorkerOverMutualTLS: a Temporal server that speaks mutual TLS only;
// a worker and a client given the documented --temporal-tls-* settings (here
// as their environment variables) make a lesson through it, and a client
// without a certificate is refused with a clear error.
func TestWorkerOverMutualTLS(t *testing.T) {
	pki := newPKI(t)
	ports, err := cluster.FreePorts()
	if err != nil {
		t.Fatal(err)
	}
	c, err := cluster.Start(t.Context(), cluster.Options{
		Dir: t.TempDir(), Database: databaseName(t), VisibilityDatabase: databaseName(t), Ports: ports,
		SearchAttributes: map[string]string{}, // the worker registers Vividly's, over TLS
		Server:           clusterBinary(t, "VIVIDLY_TEMPORAL_SERVER", "temporal-server"),
		SQLTool:          clusterBinary(t, "VIVIDLY_TEMPORAL_SQL_TOOL", "temporal-sql-tool"),
		UI:               clusterBinary(t, "VIVIDLY_TEMPORAL_UI", "temporal-ui-server"),
		TLS: &cluster.TLS{CA: pki.ca, Cert: pki.serverCert, Key: pki.serverKey,
			ClientCert: pki.clientCert, ClientKey: pki.clientKey},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)

	s := newSystem(t)
	s.temporal = "localhost:" + portOf(t, c.Address())
	s.vividlyExit(1, "submit", "What are fractions?", "--modality", "text") // plain gRPC
	s.extra = append(s.extra, "TEMPORAL_TLS_CA_PATH="+pki.ca)
	s.vividlyExit(1, "submit", "What are fractions?", "--modality", "text") // no client certificate
	s.extra = append(s.extra, "TEMPORAL_TLS_CLIENT_CERT_PATH="+pki.clientCert, "TEMPORAL_TLS_CLIENT_KEY_PATH="+pki.clientKey)
	s.startWorker()
	v := decode(t, s.vividly("submit", "What are fractions?", "--grade", "4", "--modality", "text", "--wait", "--json"))
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("lesson over mutual TLS: %s (%s)", v.Status, v.Error)
	}
}

func portOf(t *testing.T, address string) string {
	_, port, err := net.SplitHostPort(address)
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// pki is a throwaway CA with a server certificate for localhost and
// 127.0.0.1 and a client certificate, as PEM files.
type pki struct {
	ca, serverCert, serverKey, clientCert, clientKey string
}

func newPKI(t *testing.T) pki {
	t.Helper()
	dir := t.TempDir()
	write := func(name, kind string, der []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	newKey := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	caKey := newKey()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "vividly test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	issue := func(serial int64, name string, usage x509.ExtKeyUsage, certFile, keyFile string) (string, string) {
		k := newKey()
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
			DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &k.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		kd, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return write(certFile, "CERTIFICATE", der), write(keyFile, "EC PRIVATE KEY", kd)
	}
	p := pki{ca: write("ca.pem", "CERTIFICATE", caDER)}
	p.serverCert, p.serverKey = issue(2, "localhost", x509.ExtKeyUsageServerAuth, "server.pem", "server-key.pem")
	p.clientCert, p.clientKey = issue(3, "vividly", x509.ExtKeyUsageClientAuth, "client.pem", "client-key.pem")
	return p
}
