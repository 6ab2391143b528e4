// SPDX-License-Identifier: MIT
// A minimal THORChain router: the native-coin paths of THORChain_Router.sol
// (router v4, gitlab.com/thorchain/ethereum/eth-router) with its exact
// function and event signatures. Token allowances, batches and
// transferOutAndCall are left out: the test pays ETH only.
pragma solidity 0.8.26;

contract THORChain_Router {
    event Deposit(address indexed to, address indexed asset, uint amount, string memo);
    event TransferOut(address indexed vault, address indexed to, address asset, uint amount, string memo);

    // A user swaps into THORChain: the coin goes to the vault, the memo into the event.
    function deposit(address payable vault, address asset, uint amount, string memory memo) public payable {
        require(asset == address(0), "native coin only");
        require(amount == msg.value, "amount");
        (bool success, ) = vault.call{value: msg.value}("");
        require(success);
        emit Deposit(vault, asset, msg.value, memo);
    }

    function depositWithExpiry(address payable vault, address asset, uint amount, string memory memo, uint expiration) external payable {
        require(block.timestamp < expiration, "THORChain_Router: expired");
        deposit(vault, asset, amount, memo);
    }

    // A vault pays a swap out: OUT:<inbound hash> (or REFUND:<inbound hash>) in the memo.
    function transferOut(address payable to, address asset, uint /* amount: a token's; ETH is msg.value */, string memory memo) public payable {
        require(asset == address(0), "native coin only");
        uint safeAmount = msg.value;
        (bool success, ) = to.call{value: msg.value}("");
        require(success);
        emit TransferOut(msg.sender, to, asset, safeAmount, memo);
    }
}
