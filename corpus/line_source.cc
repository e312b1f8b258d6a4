#include "corpus/line_source.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

namespace tracuu::detail {
namespace {

// Bytes read from zlib at a time, and zlib's own input buffer. Large enough
// that a 1 MB line costs a handful of calls, small enough to not matter.
constexpr size_t kChunkBytes = 256 * 1024;
constexpr unsigned kGzBufferBytes = 256 * 1024;

}  // namespace

void LineSource::GzCloser::operator()(gzFile_s* file) const { gzclose(file); }

LineSource::LineSource(gzFile_s* file, LineEnds ends) : file_(file), buffer_(kChunkBytes), ends_(ends) {}

LineSource::~LineSource() = default;

Result<LineSource> LineSource::Open(const std::filesystem::path& path, LineEnds ends) {
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) {
    // Out of memory is not the file's fault: it goes up like any other
    // allocation that fails, not as a reject of the file.
    if (errno == 0 || errno == ENOMEM) throw std::bad_alloc();
    return Status::IOError("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  gzbuffer(file, kGzBufferBytes);
  return LineSource(file, ends);
}

bool LineSource::Refill() {
  begin_ = end_ = 0;
  if (at_end_) return false;
  const int got = gzread(file_.get(), buffer_.data(), static_cast<unsigned>(buffer_.size()));
  // zlib reports a truncated stream as a short read with Z_BUF_ERROR set, not
  // as -1, so the error state is checked after every read, not only on -1.
  // zlib's own wording ("unexpected end of file") says less than ours.
  int code = Z_OK;
  gzerror(file_.get(), &code);
  if (code == Z_MEM_ERROR) {
    // zlib could not allocate its buffers (at the first read): as in Open().
    throw std::bad_alloc();
  } else if (code == Z_ERRNO) {
    error_ = std::string("read error: ") + std::strerror(errno);
  } else if (code != Z_OK) {
    error_ = "gzip stream is corrupt/truncated";
  }
  if (got > 0) end_ = static_cast<size_t>(got);
  if (got <= 0 || !error_.empty()) at_end_ = true;
  return got > 0;
}

LineSource::Next LineSource::ReadLine(std::string* line) {
  line->clear();
  bool read_any = false;
  bool too_long = false;  // past kMaxLineBytes: the rest is skipped, not kept
  while (true) {
    if (begin_ == end_ && !Refill()) {
      // Data that stops at an error is a cut line: report the error, not the line.
      if (!error_.empty()) {
        ++line_number_;
        line->clear();
        return Next::kError;
      }
      if (!read_any) return Next::kEnd;
      break;  // a last line without a line end
    }
    // The "\n" of a "\r\n" whose "\r" ended the line before (perhaps at the
    // end of the previous read) ends no second, empty line.
    if (std::exchange(after_cr_, false) && buffer_[begin_] == '\n') {
      ++begin_;
      continue;
    }
    const char* start = buffer_.data() + begin_;
    const size_t available = end_ - begin_;
    const char* line_end = ends_ == LineEnds::kLf
                               ? static_cast<const char*>(std::memchr(start, '\n', available))
                               : std::find_if(start, start + available, [](char c) { return c == '\n' || c == '\r'; });
    if (line_end == start + available) line_end = nullptr;
    const size_t take = line_end ? static_cast<size_t>(line_end - start) : available;
    if (!too_long && line->size() + take > kMaxLineBytes) {
      too_long = true;
      std::string().swap(*line);  // give the memory back now
    }
    if (!too_long) line->append(start, take);
    read_any = true;
    begin_ += take;
    if (line_end) {
      ++begin_;  // the "\n" or "\r" itself
      after_cr_ = *line_end == '\r';
      break;
    }
  }
  ++line_number_;
  if (too_long) return Next::kTooLong;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return Next::kLine;
}

}  // namespace tracuu::detail
