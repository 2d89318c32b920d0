package codec

import (
	"bufio"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Keys is a key set: the current key encrypts, every key decrypts.
//
// As text (a key file, or the environment), one key per line: an id and the
// key as standard base64 of 32 random bytes, separated by a space; the first
// line is the current key. Blank lines and lines starting with # are
// ignored. To rotate, add a new first line and keep the old ones for as long
// as histories encrypted with them are kept.
type Keys struct {
	currentID string
	byID      map[string]cipher.AEAD
}

var keyID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ParseKeys reads a key set from its text.
func ParseKeys(text string) (*Keys, error) {
	k := &Keys{byID: map[string]cipher.AEAD{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		fields := strings.Fields(s)
		if len(fields) != 2 {
			return nil, fmt.Errorf("codec keys, line %d: want \"<id> <base64 key>\"", line)
		}
		id := fields[0]
		if !keyID.MatchString(id) {
			return nil, fmt.Errorf("codec keys, line %d: key id %q: letters, digits, '.', '_' and '-' only, at most 64", line, id)
		}
		if _, dup := k.byID[id]; dup {
			return nil, fmt.Errorf("codec keys, line %d: key id %q appears twice", line, id)
		}
		raw, err := base64.StdEncoding.DecodeString(fields[1])
		if err != nil {
			return nil, fmt.Errorf("codec keys, line %d (key %s): not base64", line, id)
		}
		aead, err := newAEAD(raw)
		if err != nil {
			return nil, fmt.Errorf("codec keys, line %d (key %s): %w", line, id, err)
		}
		k.byID[id] = aead
		if k.currentID == "" {
			k.currentID = id
		}
	}
	if k.currentID == "" {
		return nil, errors.New("codec keys: no key")
	}
	return k, nil
}

// CurrentID is the id of the key that encrypts.
func (k *Keys) CurrentID() string { return k.currentID }

func (k *Keys) current() (string, cipher.AEAD) { return k.currentID, k.byID[k.currentID] }

func (k *Keys) get(id string) (cipher.AEAD, bool) {
	a, ok := k.byID[id]
	return a, ok
}

// NewKeyLine is the key-file line of a new random key with id.
func NewKeyLine(id string) (string, error) {
	if !keyID.MatchString(id) {
		return "", fmt.Errorf("key id %q: letters, digits, '.', '_' and '-' only, at most 64", id)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return id + " " + base64.StdEncoding.EncodeToString(raw), nil
}

// LoadFile reads the key set at path. With create, a missing file is made
// first, readable by its owner only, with one new key; created says so.
// Two processes creating it at once end up with the same file.
func LoadFile(path string, create bool) (k *Keys, created bool, err error) {
	text, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && create {
		created, err = createFile(path)
		if err != nil {
			return nil, false, err
		}
		text, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("codec keys: %w", err)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("codec keys: %s is readable by others (mode %v): chmod 600 it", path, info.Mode().Perm())
	}
	k, err = ParseKeys(string(text))
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	return k, created, nil
}

// createFile writes a key file with one new key unless one exists; the key
// is written under a temporary name and linked into place, so a reader never
// sees a half-written file.
func createFile(path string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, fmt.Errorf("codec keys: %w", err)
	}
	line, err := NewKeyLine("k1")
	if err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".codec-keys-*")
	if err != nil {
		return false, fmt.Errorf("codec keys: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString("# Vividly's payload keys: the first encrypts, all decrypt. Keep secret; give every worker and client the same file.\n" + line + "\n"); err != nil {
		tmp.Close()
		return false, fmt.Errorf("codec keys: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return false, fmt.Errorf("codec keys: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, nil // another process made it first
		}
		return false, fmt.Errorf("codec keys: %w", err)
	}
	return true, nil
}
