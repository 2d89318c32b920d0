package codec

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
)

func keys(t *testing.T, ids ...string) *Keys {
	t.Helper()
	var lines []string
	for _, id := range ids {
		l, err := NewKeyLine(id)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	k, err := ParseKeys(strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const question = "why does my friend's <script>alert(1)</script> volcano erupt?"

func TestPayloadsAreCiphertextAndComeBack(t *testing.T) {
	dc := DataConverter(New(keys(t, "k1")))
	p, err := dc.ToPayload(map[string]string{"question": question})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(p.GetData(), []byte("volcano")) || string(p.GetMetadata()[converter.MetadataEncoding]) != Encoding {
		t.Fatalf("encoded payload shows the question or is not marked encrypted: %v", p)
	}
	var back map[string]string
	if err := dc.FromPayload(p, &back); err != nil || back["question"] != question {
		t.Fatalf("decoded %v, %v", back, err)
	}
}

func TestPlainPayloadsPassThrough(t *testing.T) {
	plain, err := converter.GetDefaultDataConverter().ToPayload("written before encryption")
	if err != nil {
		t.Fatal(err)
	}
	out, err := New(keys(t, "k1")).Decode([]*commonpb.Payload{plain})
	if err != nil || !bytes.Equal(out[0].GetData(), plain.GetData()) {
		t.Fatalf("plain payload changed: %v, %v", out, err)
	}
}

// A new key is added in front: it encrypts from then on, and what the old
// key encrypted still decrypts; a set without the old key refuses it.
func TestRotationByAddingAKey(t *testing.T) {
	l1 := mustLine(t, "k1")
	oldSet, err := ParseKeys(l1)
	if err != nil {
		t.Fatal(err)
	}
	encOld, err := New(oldSet).Encode([]*commonpb.Payload{{Data: []byte(question)}})
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := ParseKeys(mustLine(t, "k2") + "\n" + l1)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.CurrentID() != "k2" {
		t.Fatalf("current key %s, want the first line's", rotated.CurrentID())
	}
	dec, err := New(rotated).Decode(encOld)
	if err != nil || string(dec[0].GetData()) != question {
		t.Fatalf("old payload after rotation: %v, %v", dec, err)
	}
	encNew, _ := New(rotated).Encode([]*commonpb.Payload{{Data: []byte("x")}})
	if id := string(encNew[0].GetMetadata()[MetaKeyID]); id != "k2" {
		t.Errorf("encrypted with %s after rotation, want k2", id)
	}
	if _, err := New(keys(t, "k3")).Decode(encOld); err == nil || !strings.Contains(err.Error(), `"k1"`) {
		t.Errorf("a key set without k1 decoded its payload (or did not name it): %v", err)
	}
}

func TestTamperedOrRelabelledPayloadsAreRefused(t *testing.T) {
	c := New(keys(t, "a", "b"))
	enc, err := c.Encode([]*commonpb.Payload{{Data: []byte(question)}})
	if err != nil {
		t.Fatal(err)
	}
	flipped := &commonpb.Payload{Metadata: enc[0].GetMetadata(), Data: bytes.Clone(enc[0].GetData())}
	flipped.Data[len(flipped.Data)-1] ^= 1
	if _, err := c.Decode([]*commonpb.Payload{flipped}); err == nil {
		t.Error("a tampered payload decoded")
	}
	relabelled := &commonpb.Payload{Metadata: map[string][]byte{converter.MetadataEncoding: []byte(Encoding), MetaKeyID: []byte("b")}, Data: enc[0].GetData()}
	if _, err := c.Decode([]*commonpb.Payload{relabelled}); err == nil {
		t.Error("a payload relabelled with another key's id decoded")
	}
}

func TestKeyFileIsMadeOnceAndPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "codec.keys")
	var wg sync.WaitGroup
	sets := make([]*Keys, 4)
	created := make([]bool, 4)
	for i := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			sets[i], created[i], err = LoadFile(path, true)
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	n := 0
	for _, c := range created {
		if c {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d processes created the key file, want 1", n)
	}
	enc, _ := New(sets[0]).Encode([]*commonpb.Payload{{Data: []byte("x")}})
	for _, k := range sets[1:] {
		if _, err := New(k).Decode(enc); err != nil {
			t.Errorf("processes ended with different keys: %v", err)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	os.Chmod(path, 0o644)
	if _, _, err := LoadFile(path, false); err == nil {
		t.Error("a key file others can read was accepted")
	}
	if _, _, err := LoadFile(filepath.Join(t.TempDir(), "none"), false); err == nil {
		t.Error("a missing key file was accepted without create")
	}
}

func TestBadKeyTextIsRefused(t *testing.T) {
	for name, text := range map[string]string{
		"empty":     "# nothing\n",
		"short key": "k1 c2hvcnQ=",
		"no key":    "k1",
		"bad id":    "k/1 " + strings.Repeat("A", 44),
		"twice":     mustLine(t, "k1") + "\n" + mustLine(t, "k1"),
	} {
		if _, err := ParseKeys(text); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCodecServer(t *testing.T) {
	c := New(keys(t, "k1"))
	enc, _ := c.Encode([]*commonpb.Payload{{Metadata: map[string][]byte{"encoding": []byte("json/plain")}, Data: []byte(`"` + "volcano" + `"`)}})
	srv := httptest.NewServer(Handler(c, ServerOptions{Origins: []string{"http://localhost:8233"}, Token: "secret"}))
	defer srv.Close()

	remote := func(token string) converter.PayloadCodec {
		return converter.NewRemotePayloadCodec(converter.RemotePayloadCodecOptions{Endpoint: srv.URL,
			ModifyRequest: func(r *http.Request) error {
				if token != "" {
					r.Header.Set("Authorization", "Bearer "+token)
				}
				return nil
			}})
	}
	dec, err := remote("secret").Decode(enc)
	if err != nil || string(dec[0].GetData()) != `"volcano"` {
		t.Fatalf("decode through the server: %v, %v", dec, err)
	}
	if _, err := remote("wrong").Decode(enc); err == nil {
		t.Error("a wrong token decoded")
	}
	if _, err := remote("").Decode(enc); err == nil {
		t.Error("no token decoded")
	}

	pre, _ := http.NewRequest(http.MethodOptions, srv.URL+"/decode", nil)
	pre.Header.Set("Origin", "http://localhost:8233")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(pre)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "http://localhost:8233" {
		t.Errorf("preflight from the Web UI: %d %v", resp.StatusCode, resp.Header)
	}
	pre.Header.Set("Origin", "http://evil.example")
	resp, err = http.DefaultClient.Do(pre)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another page: %d %v", resp.StatusCode, resp.Header)
	}
}

func mustLine(t *testing.T, id string) string {
	t.Helper()
	l, err := NewKeyLine(id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A large payload is compressed before it is encrypted and comes back whole;
// a small one is only encrypted; and the compression mark cannot be changed
// on a stored payload.
func TestLargePayloadsAreCompressedFirst(t *testing.T) {
	c := New(keys(t, "k1"))
	script := []byte(strings.Repeat(`{"heading":"Light into sugar","narration":"Plants capture sunlight with chlorophyll."},`, 60))
	enc, err := c.Encode([]*commonpb.Payload{{Data: script}, {Data: []byte(question)}})
	if err != nil {
		t.Fatal(err)
	}
	if string(enc[0].GetMetadata()[MetaCompression]) != deflate || len(enc[0].GetData()) > len(script)/4 {
		t.Errorf("large payload: %d bytes stored for %d, compression %q", len(enc[0].GetData()), len(script), enc[0].GetMetadata()[MetaCompression])
	}
	if _, ok := enc[1].GetMetadata()[MetaCompression]; ok {
		t.Error("a small payload was marked compressed")
	}
	dec, err := c.Decode(enc)
	if err != nil || !bytes.Equal(dec[0].GetData(), script) || !bytes.Equal(dec[1].GetData(), []byte(question)) {
		t.Fatalf("decoded %q…, %v", dec[0].GetData()[:40], err)
	}
	unmarked := &commonpb.Payload{Metadata: map[string][]byte{}, Data: enc[0].GetData()}
	for k, v := range enc[0].GetMetadata() {
		if k != MetaCompression {
			unmarked.Metadata[k] = v
		}
	}
	if _, err := c.Decode([]*commonpb.Payload{unmarked}); err == nil {
		t.Error("a compressed payload decoded with its compression mark removed")
	}
}
