apt-get update && apt-get install -y curl=7.88.1-10 \
  && rm -rf /var/lib/apt/lists/* ; echo "$(uname -a)" | tee /tmp/x || true
FOO=bar sudo -u app sh -c 'pip install --no-cache-dir requests==2.31.0'
