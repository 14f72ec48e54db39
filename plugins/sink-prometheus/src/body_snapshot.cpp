#include "body_snapshot.hpp"

#include "openmetrics.hpp"

namespace mensor::prometheus {

BodyBuilder::BodyBuilder(Format format) : format_(format) {}

void BodyBuilder::BeginFamily(std::string_view name, const FamilyMeta& meta, size_t scope_count) {
  const bool open_metrics = format_ == Format::kOpenMetrics;
  const std::string_view type = meta.type;
  const std::string_view exposed = open_metrics ? OpenMetricsFamilyName(name, type) : name;
  name_length_ = name.size();
  insert_total_ = open_metrics && type == "counter" && exposed == name;
  single_scope_ = scope_count == 1;
  seen_.clear();

  std::string& out = body_->generated_;
  const size_t begin = out.size();
  if (!meta.help.empty()) {
    out += "# HELP ";
    out += exposed;
    out += ' ';
    out += open_metrics ? OpenMetricsHelp(meta.help) : meta.help;
    out += '\n';
  }
  out += "# TYPE ";
  out += exposed;
  out += ' ';
  out += type;
  out += '\n';
  MarkGenerated(begin);
}

void BodyBuilder::AddChunk(const Chunk& chunk) {
  const std::string& text = *chunk.text;
  const size_t lines = chunk.ends.size();
  // Lines [0, first_repeat) are the first of their series in the family. A scope's own lines
  // never repeat (its snapshot dropped duplicates), so one scope needs no look-up.
  size_t first_repeat = lines;
  if (!single_scope_) {
    for (size_t i = 0; i < lines; ++i) {
      if (!seen_.insert(chunk.identities[i]).second) {
        first_repeat = i;
        break;
      }
    }
  }
  const bool open_metrics = format_ == Format::kOpenMetrics;
  const bool lines_unchanged = !open_metrics || (!insert_total_ && !chunk.timestamps);
  if (lines_unchanged && first_repeat == lines) {
    if (!text.empty()) {
      pieces_.push_back(Piece{&text, 0, text.size()});
      body_->chunk_texts_.push_back(chunk.text);
    }
    return;
  }

  std::string& out = body_->generated_;
  const size_t begin = out.size();
  uint32_t line_begin = 0;
  for (size_t i = 0; i < lines; ++i) {
    const std::string_view line(text.data() + line_begin, chunk.ends[i] - line_begin);
    line_begin = chunk.ends[i];
    // Lines before first_repeat were looked up already; the rest are looked up here.
    if (i == first_repeat || (i > first_repeat && !seen_.insert(chunk.identities[i]).second)) {
      ++cross_scope_duplicates_;
      continue;
    }
    if (open_metrics) {
      AppendOpenMetricsLine(out, line, name_length_, insert_total_);
    } else {
      out += line;
    }
  }
  MarkGenerated(begin);
}

std::shared_ptr<const BodySnapshot> BodyBuilder::Finish() {
  BodySnapshot& body = *body_;
  if (format_ == Format::kOpenMetrics) {
    const size_t begin = body.generated_.size();
    body.generated_ += "# EOF\n";
    MarkGenerated(begin);
  }
  // The buffer is complete: from here on its address is stable, so views into it may be taken.
  body.generated_.shrink_to_fit();
  body.segments_.reserve(pieces_.size());
  for (const Piece& piece : pieces_) {
    const std::string& bytes = piece.chunk != nullptr ? *piece.chunk : body.generated_;
    body.segments_.emplace_back(bytes.data() + piece.begin, piece.end - piece.begin);
    body.size_ += piece.end - piece.begin;
  }
  pieces_.clear();
  return std::move(body_);
}

void BodyBuilder::MarkGenerated(size_t begin) {
  const size_t end = body_->generated_.size();
  if (end == begin) return;
  if (!pieces_.empty() && pieces_.back().chunk == nullptr && pieces_.back().end == begin) {
    pieces_.back().end = end;
    return;
  }
  pieces_.push_back(Piece{nullptr, begin, end});
}

}  // namespace mensor::prometheus
