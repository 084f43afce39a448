//! The examples gallery: each example is a Dockerfile with its build context and a short
//! "what to notice".

/// One example of the gallery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub dockerfile: &'static str,
    /// The build context listing, one path a line with an optional size.
    pub context: &'static str,
    pub dockerignore: &'static str,
    pub notice: &'static str,
}

/// The Go `href-counter` example of Docker's multi-stage build note: the default page.
pub const GO_HREF_COUNTER: Example = Example {
    id: "go-href-counter",
    title: "Go: href-counter (golang → alpine)",
    dockerfile: "FROM golang:1.16\n\
WORKDIR /go/src/github.com/alexellis/href-counter/\n\
RUN go get -d -v golang.org/x/net/html\n\
COPY app.go ./\n\
RUN CGO_ENABLED=0 go build -a -installsuffix cgo -o app .\n\
\n\
FROM alpine:latest\n\
RUN apk --no-cache add ca-certificates\n\
WORKDIR /root/\n\
COPY --from=0 /go/src/github.com/alexellis/href-counter/app ./\n\
CMD [\"./app\"]\n",
    context: "app.go 2KB\n",
    dockerignore: "",
    notice: "The first stage has the whole Go SDK; the second starts from a small alpine image and \
copies only the compiled `app` binary from stage 0. The SDK and `app.go` are left behind.",
};

/// The Python wheels example of Docker's multi-stage build note.
pub const PYTHON_WHEELS: Example = Example {
    id: "python-wheels",
    title: "Python: wheels (python:3.9 → python:3.9-slim)",
    dockerfile: "FROM python:3.9 AS builder\n\
COPY requirements.txt .\n\
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels -r requirements.txt\n\
\n\
FROM python:3.9-slim\n\
COPY --from=builder /wheels /wheels\n\
RUN pip install --no-cache /wheels/*\n",
    context: "requirements.txt 1KB\n",
    dockerignore: "",
    notice: "Wheels are compiled in the full `python:3.9` image, which has compilers and headers; \
the slim final image only installs the finished wheels from `/wheels`.",
};

/// Every example, in gallery order.
pub const EXAMPLES: &[Example] = &[GO_HREF_COUNTER, PYTHON_WHEELS];
