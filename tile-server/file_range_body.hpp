#pragma once
// A Beast body that sends part of a file from disk in 64 KiB pieces: media
// files (videos of 100 MB) are streamed, whole or as a Range, instead of
// being read into memory for each request and held while a slow client reads.
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/optional.hpp>

#include <array>
#include <cstdint>
#include <utility>

namespace investmap::server {

struct FileRangeBody {
    struct value_type {
        boost::beast::file file;  // open for reading
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };

    static std::uint64_t size(const value_type& body) { return body.length; }

    class writer {
    public:
        using const_buffers_type = boost::asio::const_buffer;

        template <bool isRequest, class Fields>
        writer(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body), left_(body.length) {}

        void init(boost::beast::error_code& error) { body_.file.seek(body_.offset, error); }

        boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& error) {
            const std::size_t wanted = left_ < buffer_.size() ? static_cast<std::size_t>(left_) : buffer_.size();
            error = {};
            if (wanted == 0) return boost::none;
            const std::size_t read = body_.file.read(buffer_.data(), wanted, error);
            if (error) return boost::none;
            if (read == 0) {  // the file shrank under us: fail rather than send short
                error = boost::beast::http::error::short_read;
                return boost::none;
            }
            left_ -= read;
            return std::make_pair(const_buffers_type(buffer_.data(), read), left_ > 0);
        }

    private:
        value_type& body_;
        std::uint64_t left_;
        std::array<char, 64 * 1024> buffer_;
    };
};

}  // namespace investmap::server
