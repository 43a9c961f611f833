#include "listing/listing.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "common/kitty_flag.h"
#include "common/paths.h"
#include "common/utf8_path.h"

namespace kitty::internal {
namespace {

void append_u_escape(std::string& out, unsigned code) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", code);
  out += buffer;
}

// Decodes one UTF-8 sequence starting at text[i]; returns its length, or 0
// when the bytes are not valid UTF-8.
size_t decode_utf8(const std::string& text, size_t i, unsigned& code) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  size_t length = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr unsigned kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

void append_list(std::string& out, const std::vector<std::string>& values) {
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(values[i]);
  }
  out += ']';
}

}  // namespace

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F && c != ';' && c != '[' && c != ']') {
      // ; [ ] are escaped too: CMake's list handling would split on them.
      out += static_cast<char>(c);
    } else if (c < 0x80) {
      append_u_escape(out, c);
    } else {
      unsigned code = 0;
      const size_t length = decode_utf8(text, i, code);
      if (length == 0) {
        append_u_escape(out, 0xFFFD);
        ++i;
        continue;
      }
      if (code >= 0x10000) {
        code -= 0x10000;
        append_u_escape(out, 0xD800 + (code >> 10));
        append_u_escape(out, 0xDC00 + (code & 0x3FF));
      } else {
        append_u_escape(out, code);
      }
      i += length;
      continue;
    }
    ++i;
  }
  out += '"';
  return out;
}

std::string selector_flag(const Selector& selector) {
  return kitty_flag(granularity_name(selector.granularity), selector.value);
}

void write_listing(std::ostream& out, const Catalog& catalog, const Units& units,
                   Granularity granularity, const std::string& root) {
  std::string line;
  line.reserve(512);
  line = "{\"" + std::string(protocol::kListingKey) +
         "\":" + std::to_string(protocol::kListingVersion) +
         ",\"granularity\":" + json_string(granularity_name(granularity)) +
         ",\"root\":" + json_string(root) + ",\"tests\":" + std::to_string(catalog.size()) +
         ",\"units\":" + std::to_string(units.units.size()) + "}\n";
  out << line;
  for (const CatalogTest& test : catalog) {
    line = "{\"test\":" + json_string(test.full_name()) + ",\"suite\":" + json_string(test.suite) +
           ",\"name\":" + json_string(test.name) + ",\"file\":" + json_string(test.file) +
           ",\"line\":" + std::to_string(test.line) +
           ",\"disabled\":" + (test.disabled() ? "true" : "false");
    if (!test.type_param.empty()) line += ",\"type_param\":" + json_string(test.type_param);
    if (!test.value_param.empty()) line += ",\"value_param\":" + json_string(test.value_param);
    line += "}\n";
    out << line;
  }
  for (const Unit& unit : units.units) {
    line = "{\"unit\":" + json_string(unit.name) +
           ",\"selector\":" + json_string(selector_flag(unit.selector));
    if (unit.split) {
      line += ",\"split\":" + json_string(granularity_name(unit.selector.granularity)) +
              ",\"file\":" + json_string(unit.split_file);
    }
    line += ",\"tests\":" + std::to_string(unit.tests) +
            ",\"enabled\":" + std::to_string(unit.enabled) + ",\"files\":";
    std::vector<std::string> relative_files;
    for (const std::string& file : unit.files) relative_files.push_back(relative_to(file, root));
    append_list(line, relative_files);
    line += ",\"labels\":";
    append_list(line, unit.labels);
    line += std::string(",\"ports\":") + (unit.uses_ports ? "true" : "false") +
            ",\"quarantined\":" + (unit.quarantined ? "true" : "false") + "}\n";
    out << line;
  }
}

Status write_listing_to(const std::string& path, const Catalog& catalog, const Units& units,
                        Granularity granularity, const std::string& root) {
  if (path == "-") {
    write_listing(std::cout, catalog, units, granularity, root);
    std::cout.flush();
    if (!std::cout) return Failure{Category::kOutput, "writing the listing to stdout failed"};
    return {};
  }
  std::ofstream out(path_of_utf8(path), std::ios::binary | std::ios::trunc);
  if (!out) return Failure{Category::kOutput, "cannot write the listing to " + path};
  write_listing(out, catalog, units, granularity, root);
  out.close();
  if (!out) return Failure{Category::kOutput, "writing the listing to " + path + " failed"};
  return {};
}

}  // namespace kitty::internal
