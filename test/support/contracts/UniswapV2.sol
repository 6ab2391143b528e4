// SPDX-License-Identifier: GPL-3.0-or-later
// A Uniswap V2 pair and router cut down to one ETH -> token swap: the pair's
// swap() keeps V2's checks, 0.3% fee, Sync and the exact Swap event; no LP
// tokens (liquidity is paid in and sync()ed), no flash swaps, no factory.
// The router is Router02's swapExactETHForTokens over one pair.
pragma solidity 0.8.26;

interface IERC20Min {
    function balanceOf(address) external view returns (uint);
    function transfer(address, uint) external returns (bool);
}

interface IWETH {
    function deposit() external payable;
    function transfer(address, uint) external returns (bool);
}

contract UniswapV2Pair {
    address public token0;
    address public token1;
    uint112 private reserve0;
    uint112 private reserve1;

    event Sync(uint112 reserve0, uint112 reserve1);
    event Swap(address indexed sender, uint amount0In, uint amount1In, uint amount0Out, uint amount1Out, address indexed to);

    constructor(address tokenA, address tokenB) {
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    function getReserves() public view returns (uint112, uint112, uint32) {
        return (reserve0, reserve1, uint32(block.timestamp));
    }

    function sync() external {
        _update(IERC20Min(token0).balanceOf(address(this)), IERC20Min(token1).balanceOf(address(this)));
    }

    function swap(uint amount0Out, uint amount1Out, address to, bytes calldata) external {
        require(amount0Out > 0 || amount1Out > 0, "UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT");
        (uint112 _reserve0, uint112 _reserve1) = (reserve0, reserve1);
        require(amount0Out < _reserve0 && amount1Out < _reserve1, "UniswapV2: INSUFFICIENT_LIQUIDITY");
        if (amount0Out > 0) require(IERC20Min(token0).transfer(to, amount0Out));
        if (amount1Out > 0) require(IERC20Min(token1).transfer(to, amount1Out));
        // In a helper, as V2 scopes it in blocks: the EVM reaches only 16 stack slots.
        (uint amount0In, uint amount1In) = _settle(_reserve0 - amount0Out, _reserve1 - amount1Out, _reserve0, _reserve1);
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /** What came in beyond the reserves left after paying out; the fee-adjusted product may not fall. */
    function _settle(uint left0, uint left1, uint112 _reserve0, uint112 _reserve1) private returns (uint amount0In, uint amount1In) {
        uint balance0 = IERC20Min(token0).balanceOf(address(this));
        uint balance1 = IERC20Min(token1).balanceOf(address(this));
        amount0In = balance0 > left0 ? balance0 - left0 : 0;
        amount1In = balance1 > left1 ? balance1 - left1 : 0;
        require(amount0In > 0 || amount1In > 0, "UniswapV2: INSUFFICIENT_INPUT_AMOUNT");
        uint balance0Adjusted = balance0 * 1000 - amount0In * 3;
        uint balance1Adjusted = balance1 * 1000 - amount1In * 3;
        require(balance0Adjusted * balance1Adjusted >= uint(_reserve0) * _reserve1 * 1000 ** 2, "UniswapV2: K");
        _update(balance0, balance1);
    }

    function _update(uint balance0, uint balance1) private {
        reserve0 = uint112(balance0);
        reserve1 = uint112(balance1);
        emit Sync(reserve0, reserve1);
    }
}

contract UniswapV2Router02 {
    address public immutable WETH;
    UniswapV2Pair public immutable pair;

    constructor(address weth, UniswapV2Pair pair_) {
        WETH = weth;
        pair = pair_;
    }

    function getAmountOut(uint amountIn, uint reserveIn, uint reserveOut) public pure returns (uint) {
        uint amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    function swapExactETHForTokens(uint amountOutMin, address[] calldata path, address to, uint deadline)
        external
        payable
        returns (uint[] memory amounts)
    {
        require(deadline >= block.timestamp, "UniswapV2Router: EXPIRED");
        require(path.length == 2 && path[0] == WETH, "UniswapV2Router: INVALID_PATH");
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        bool wethIs0 = pair.token0() == WETH;
        (uint reserveIn, uint reserveOut) = wethIs0 ? (uint(r0), uint(r1)) : (uint(r1), uint(r0));
        amounts = new uint[](2);
        amounts[0] = msg.value;
        amounts[1] = getAmountOut(msg.value, reserveIn, reserveOut);
        require(amounts[1] >= amountOutMin, "UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT");
        IWETH(WETH).deposit{value: msg.value}();
        require(IWETH(WETH).transfer(address(pair), msg.value));
        (uint out0, uint out1) = wethIs0 ? (uint(0), amounts[1]) : (amounts[1], uint(0));
        pair.swap(out0, out1, to, new bytes(0));
    }
}
