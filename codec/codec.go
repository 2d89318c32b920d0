// Package codec encrypts what Vividly hands Temporal — workflow and activity
// inputs and results, signals, queries, memos and summaries — so the
// server's histories, and whoever reads them, hold ciphertext in place of
// students' questions, interests and answers. It is a Temporal payload codec:
// AES-256-GCM, the key's id in each payload's metadata, several keys held at
// once so a new key can be added (and made current) while old histories stay
// readable. Large payloads are compressed first (deflate). Search attributes are not payloads and carry no student text.
package codec

import (
	"bytes"
	"compress/flate"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sync"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

// Metadata of an encrypted payload.
const (
	// Encoding marks a payload this codec encrypted.
	Encoding = "binary/encrypted"
	// MetaKeyID names the key that encrypted it.
	MetaKeyID = "encryption-key-id"
	// MetaCipher names the cipher.
	MetaCipher = "encryption-cipher"
	cipherName = "AES256-GCM"
	// MetaCompression, when set, names how the payload was compressed
	// before it was encrypted.
	MetaCompression = "compression"
	deflate         = "deflate"
)

// A payload of compressMin bytes or more is compressed before it is
// encrypted, when that makes it smaller: a lesson's script, passages and
// result are JSON text, which deflate takes to about a third, and every byte
// of a history is stored, replicated and read again by the Temporal server.
// Nothing compresses once encrypted. maxInflated bounds what a payload may
// inflate to, well above Temporal's own payload limit.
const (
	compressMin = 512
	maxInflated = 16 << 20
)

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// compress deflates b, or returns nil when that does not make it smaller.
func compress(b []byte) []byte {
	if len(b) < compressMin {
		return nil
	}
	var buf bytes.Buffer
	w := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(b); err != nil || w.Close() != nil || buf.Len() >= len(b) {
		return nil
	}
	return buf.Bytes()
}

// inflate undoes compress, refusing more than maxInflated bytes.
func inflate(b []byte) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(b))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxInflated {
		return nil, fmt.Errorf("inflates past %d bytes", maxInflated)
	}
	return out, nil
}

// aad binds the key id and the compression to the ciphertext, so neither
// can be changed on a stored payload.
func aad(id string, compressed bool) []byte {
	if compressed {
		return []byte(id + "\x00" + deflate)
	}
	return []byte(id)
}

// Codec is the payload codec; see the package comment.
type Codec struct {
	keys *Keys
}

// New is a codec with keys; it encrypts with the current one.
func New(keys *Keys) *Codec { return &Codec{keys: keys} }

var _ converter.PayloadCodec = (*Codec)(nil)

// DataConverter is Temporal's default data converter with c applied to every
// payload: give it to every client and worker.
func DataConverter(c *Codec) converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), c)
}

// Encode encrypts each payload, whole (metadata and data), with the current key.
func (c *Codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	id, aead := c.keys.current()
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		plain, err := proto.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("codec: encode: %w", err)
		}
		nonce := make([]byte, aead.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return nil, fmt.Errorf("codec: encode: %w", err)
		}
		meta := map[string][]byte{
			converter.MetadataEncoding: []byte(Encoding),
			MetaKeyID:                  []byte(id),
			MetaCipher:                 []byte(cipherName),
		}
		small := compress(plain)
		if small != nil {
			plain = small
			meta[MetaCompression] = []byte(deflate)
		}
		out[i] = &commonpb.Payload{
			Metadata: meta,
			// The key id is bound to the ciphertext: a payload cannot be
			// relabelled with another key's id.
			Data: aead.Seal(nonce, nonce, plain, aad(id, small != nil)),
		}
	}
	return out, nil
}

// Decode decrypts the payloads this codec encrypted and passes the others
// through unchanged (histories written before encryption was turned on).
func (c *Codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		if string(p.GetMetadata()[converter.MetadataEncoding]) != Encoding {
			out[i] = p
			continue
		}
		id := string(p.GetMetadata()[MetaKeyID])
		aead, ok := c.keys.get(id)
		if !ok {
			return nil, fmt.Errorf("codec: decode: payload encrypted with key %q, which this key set does not hold", id)
		}
		data := p.GetData()
		if len(data) < aead.NonceSize() {
			return nil, errors.New("codec: decode: payload too short")
		}
		compressed := string(p.GetMetadata()[MetaCompression]) == deflate
		plain, err := aead.Open(nil, data[:aead.NonceSize()], data[aead.NonceSize():], aad(id, compressed))
		if err != nil {
			return nil, fmt.Errorf("codec: decode with key %q: %w", id, err)
		}
		if compressed {
			if plain, err = inflate(plain); err != nil {
				return nil, fmt.Errorf("codec: decode: %w", err)
			}
		}
		var decoded commonpb.Payload
		if err := proto.Unmarshal(plain, &decoded); err != nil {
			return nil, fmt.Errorf("codec: decode: %w", err)
		}
		out[i] = &decoded
	}
	return out, nil
}

// newAEAD is AES-256-GCM with key.
func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("a key must be 32 bytes (AES-256), not %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
