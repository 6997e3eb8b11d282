-- precis: an embeddable extractive summarizer (C core, Lua module, CLI),
-- for Lua 5.1, LuaJIT 2.1, 5.2, 5.3 and 5.4. luarocks make builds it from
-- this checkout without the network, for LuaRocks' default Lua or another:
--   luarocks make precis-scm-1.rockspec
--   luarocks --lua-version=5.4 make precis-scm-1.rockspec
-- Everything under lua/ is installed as modules (LuaRocks copies that
-- folder whole), so lua/ holds precis/ alone; the command is bin/summarize.lua.
-- Needs the headers and libraries of utf8proc, libstemmer, libyaml, md4c, gumbo
-- json-c and PCRE2 (Debian: libutf8proc-dev libstemmer-dev libyaml-dev libmd4c-dev
-- libgumbo-dev libjson-c-dev libpcre2-dev).
rockspec_format = "3.0"
package = "precis"
version = "scm-1"
source = {
  url = "git+file://.",
}
description = {
  summary = "Extractive summarizer: a C11 core with a Lua API and a summarize command",
  detailed = [[
precis picks the sentences that best summarize a document, or several
documents on one story, with the classic methods (lead, Luhn, Edmundson,
tf-idf centroid, MEAD, LexRank, TextRank, LSA, SumBasic, KL-Sum, PacSum,
submodular selection), near-duplicate removal and redundancy control.
YAML policies say how a kind of document is summarized.
]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
external_dependencies = {
  UTF8PROC = { header = "utf8proc.h", library = "utf8proc" },
  STEMMER = { header = "libstemmer.h", library = "stemmer" },
  YAML = { header = "yaml.h", library = "yaml" },
  MD4C = { header = "md4c.h", library = "md4c" },
  GUMBO = { header = "gumbo.h", library = "gumbo" },
  JSONC = { header = "json-c/json.h", library = "json-c" },
  PCRE2 = { header = "pcre2.h", library = "pcre2-8" },
}
build = {
  type = "builtin",
  modules = {
    ["precis.core"] = {
      -- every C file of the core, listed by name (CI checks none is missing)
      sources = {
        "csrc/lprecis.c", "csrc/lrouge.c", "csrc/batch.c", "csrc/corpus.c", "csrc/date.c", "csrc/dedupe.c", "csrc/detect.c",
        "csrc/encoding.c", "csrc/error.c", "csrc/extra.c", "csrc/format.c", "csrc/heap.c", "csrc/html.c", "csrc/ingest.c", "csrc/lang.c",
        "csrc/langdata.c", "csrc/mem.c", "csrc/model.c",
        "csrc/options.c", "csrc/rules.c", "csrc/scorers/centroid.c",
        "csrc/scorers/edmundson.c", "csrc/scorers/klsum.c",
        "csrc/scorers/length.c", "csrc/scorers/lexrank.c",
        "csrc/scorers/lsa.c", "csrc/scorers/luhn.c",
        "csrc/scorers/mead.c", "csrc/scorers/pacsum.c",
        "csrc/scorers/position.c", "csrc/scorers/query.c",
        "csrc/scorers/submodular.c", "csrc/scorers/sumbasic.c",
        "csrc/scorers/textrank.c", "csrc/scorers/title.c",
        "csrc/segment.c", "csrc/select.c", "csrc/spans.c", "csrc/summarize.c",
        "csrc/tokenize.c", "csrc/utf8.c", "csrc/version.c", "csrc/yaml.c",
      },
      -- the engine is compiled in: nothing of it leaves the module, so it
      -- never binds to a libprecis.so loaded in the same process
      defines = { "_POSIX_C_SOURCE=200809L", "PRECIS_NO_EXPORT" },
      incdirs = { "include", "csrc", "$(UTF8PROC_INCDIR)", "$(STEMMER_INCDIR)", "$(YAML_INCDIR)",
                  "$(MD4C_INCDIR)", "$(GUMBO_INCDIR)",
                  "$(JSONC_INCDIR)", "$(PCRE2_INCDIR)" },
      libdirs = { "$(UTF8PROC_LIBDIR)", "$(STEMMER_LIBDIR)", "$(YAML_LIBDIR)",
                  "$(MD4C_LIBDIR)", "$(GUMBO_LIBDIR)",
                  "$(JSONC_LIBDIR)", "$(PCRE2_LIBDIR)" },
      libraries = { "utf8proc", "stemmer", "yaml", "md4c", "gumbo", "json-c", "pcre2-8", "pthread", "m" },
    },
    ["precis.cli"] = "lua/precis/cli.lua",
    ["precis.compat"] = "lua/precis/compat.lua",
    ["precis"] = "lua/precis/init.lua",
    ["precis.input"] = "lua/precis/input.lua",
    ["precis.json"] = "lua/precis/json.lua",
    ["precis.policy"] = "lua/precis/policy.lua",
    ["precis.policies"] = "lua/precis/policies.lua",
    ["precis.rouge"] = "lua/precis/rouge.lua",
    ["precis.rouge_command"] = "lua/precis/rouge_command.lua",
    ["precis.sandbox"] = "lua/precis/sandbox.lua",
  },
  -- into the rock's directory (luarocks show --rock-dir precis): the C
  -- header, which --help names for the parameter list, and the manuals,
  -- as their scdoc sources (the builtin backend runs no renderer)
  copy_directories = { "include", "docs" },
  install = {
    bin = { summarize = "bin/summarize.lua" },
  },
}
