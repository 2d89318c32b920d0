package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oerDir is the shared folder of OpenStax books, beside the repository.
func oerDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "oer")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the OpenStax books are expected at %s (../shared/oer beside the repository): %v", dir, err)
	}
	return dir
}

func TestReadCNXMLPhysics(t *testing.T) {
	books, err := ReadCNXML(filepath.Join(oerDir(t), "osbooks-physics"), nil)
	require.NoError(t, err)
	require.Len(t, books, 1)
	b := books[0]
	assert.Equal(t, "Physics", b.Title)
	assert.Greater(t, len(b.Sections), 50)
	var found bool
	for _, s := range b.Sections {
		assert.Equal(t, "openstax", s.Source)
		assert.Equal(t, "CC BY 4.0", s.License)
		assert.NotContains(t, s.Body, "Teacher Support", s.Key)
		assert.NotContains(t, s.Body, "()", s.Key)
		if s.Title == "Velocity vs. Time Graphs" {
			found = true
			assert.Equal(t, "Motion in One Dimension", s.Chapter)
			assert.Contains(t, s.Objectives, "Solve problems using velocity vs. time graphs")
			assert.Contains(t, s.Terms, "acceleration")
			// The teacher note of this module asks students to construct graphs.
			assert.NotContains(t, s.Body, "Ask students")
		}
	}
	assert.True(t, found, "the module on velocity vs. time graphs")
}

func TestSpeakMath(t *testing.T) {
	doc, err := parseXML(strings.NewReader(`<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:mrow>
		<m:msup><m:mi>x</m:mi><m:mn>2</m:mn></m:msup><m:mo>+</m:mo><m:mn>1</m:mn><m:mo>=</m:mo>
		<m:mfrac><m:mi>a</m:mi><m:mi>b</m:mi></m:mfrac><m:mo>−</m:mo><m:msqrt><m:mn>2</m:mn></m:msqrt>
		<m:mo>×</m:mo><m:msub><m:mi>v</m:mi><m:mn>0</m:mn></m:msub></m:mrow></m:math>`))
	require.NoError(t, err)
	assert.Equal(t, "x squared plus 1 equals a over b minus the square root of 2 times v sub 0", speakMath(doc.find("math")))
}
